import { describe, expect, it } from 'vitest';
import { defaultPaper } from '../../renderer/export/choices';
import { printPageCss, PAGE_MARGINS_MM } from '../../renderer/report/print-options';

describe('the default paper of a locale', () => {
  it('is Letter in the United States and Canada', () => {
    for (const locale of ['en-US', 'en-CA', 'fr-CA', 'es-US', 'en-us'])
      expect(defaultPaper(locale), locale).toBe('letter');
  });

  it('is A4 elsewhere, without a region and for unreadable locales', () => {
    for (const locale of [
      'en-GB',
      'de-DE',
      'fr-FR',
      'en',
      'es-419',
      'zh-Hans-CN',
      '',
      'not a locale',
    ])
      expect(defaultPaper(locale), locale).toBe('a4');
    expect(defaultPaper(undefined)).toBe('a4');
  });
});

describe('page rules for the browser print dialog', () => {
  it('name the paper, the PDF printers margins and a page count', () => {
    const m = PAGE_MARGINS_MM;
    const margins = `margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;`;
    expect(printPageCss('a4')).toContain(`@page { size: A4; ${margins}`);
    expect(printPageCss('letter')).toContain(`@page { size: letter; ${margins}`);
    expect(printPageCss('a4')).toMatch(
      /@bottom-right \{ content: "Page " counter\(page\) " of " counter\(pages\);/,
    );
  });
});
