/** Messages about files: errors stay until dismissed (role=alert), confirmations fade out. */
import type { ReactElement } from 'react';
import type { DocumentController, Notice } from '../controller';

export function Notices({
  notices,
  controller,
}: {
  notices: readonly Notice[];
  controller: DocumentController;
}): ReactElement {
  return (
    <div className="fw-chrome-notices" aria-live="polite" data-testid="notices">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`fw-chrome-notice fw-chrome-notice--${n.tone}`}
          role={n.tone === 'error' ? 'alert' : 'status'}
          data-testid={`notice-${n.tone}`}
        >
          <div className="fw-chrome-notice__text">
            <strong className="fw-chrome-notice__title">{n.title}</strong>
            <p className="fw-chrome-notice__detail">{n.detail}</p>
          </div>
          <button
            type="button"
            className="fw-button fw-button--quiet fw-chrome-notice__close"
            aria-label={`Dismiss: ${n.title}`}
            onClick={() => controller.dismissNotice(n.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
