/**
 * The title, subtitle and caption an analysis figure's exported picture carries (read by the
 * picture exporters' pictureText from the figure's data-export-* attributes).
 */
import { APP_VERSION } from '../../export/version';

export function exportText(
  title: string,
  subtitle: string,
  caption: string,
): Record<'data-export-title' | 'data-export-subtitle' | 'data-export-caption', string> {
  return {
    'data-export-title': title,
    'data-export-subtitle': subtitle,
    'data-export-caption': `${caption} Flywheel Lab ${APP_VERSION}.`,
  };
}
