/**
 * docs/MODEL.md stays true to the code: its generated tables are up to date (regenerate with
 * `npm run docs:model`), every variable the model declares has its equation written in section 3,
 * and every equation written there names a real variable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareModel, withPreset, type Scenario } from '../../simulation';
import { generatedSections, updateModelDoc } from '../../scripts/model-docs';

const DOC = join(import.meta.dirname, '..', '..', 'docs', 'MODEL.md');
const text = readFileSync(DOC, 'utf8');

/** The code blocks of section 3 (the equations). */
function equationBlocks(): string {
  const start = text.indexOf('## 3. Equations');
  const end = text.indexOf('### 3.8');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const section = text.slice(start, end);
  return [...section.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
}

/** Variable names without entity ids: `liveWeek` for `dataProduct.customer-360.liveWeek`. */
function genericNames(): Map<string, string> {
  const base = withPreset();
  const s: Scenario = {
    ...base,
    aiConsumers: base.aiConsumers.map((c, i) => (i === 0 ? { ...c, ownPipelines: 1 } : c)),
  };
  const m = prepareModel(s).compiled;
  const out = new Map<string, string>();
  for (const v of m.variables) {
    if (!v.decl || v.kind === 'parameter') continue;
    const generic = v.name
      .replace(/^aiConsumer\.[^.]+\.ownPipeline\.\d+\./, '')
      .replace(/^dataProduct\.[^.]+\./, '')
      .replace(/^aiConsumer\.[^.]+\./, '')
      .replace(/^ownPipelineTemplate\./, '')
      .replace(/^effect\.[A-Za-z]+$/, 'effect.<lever>')
      .replace(/^effectiveMaturity\.[A-Za-z]+$/, 'effectiveMaturity.<part>')
      .replace(/^lever\.(conversion|basket|sessions)(\.uncapped)?$/, 'lever.<lift>$2');
    out.set(generic, v.name);
  }
  return out;
}

describe('docs/MODEL.md', () => {
  // Generating them runs every preset's headline (400 Monte Carlo draws each): slow under load.
  it('has its generated tables up to date (run `npm run docs:model` if this fails)', () => {
    const sections = generatedSections();
    expect(Object.keys(sections).length).toBeGreaterThan(5);
    const updated = updateModelDoc(text, sections);
    if (updated !== text) {
      const stale = Object.entries(sections)
        .filter(([, body]) => !text.includes(body))
        .map(([name]) => name);
      expect.fail(
        `docs/MODEL.md is out of date (sections: ${stale.join(', ')}): run \`npm run docs:model\``,
      );
    }
  }, 300_000);

  it('writes the equation of every variable the model declares', () => {
    const blocks = equationBlocks();
    const missing = [...genericNames().keys()].filter((name) => {
      const escaped = name.replace(/[.*+?^${}()|[\]\\<>]/g, '\\$&');
      return !new RegExp(`(^|[^A-Za-z0-9_.])${escaped}(?![A-Za-z0-9_])`, 'm').test(blocks);
    });
    expect(missing).toEqual([]);
  });

  it('names only real variables on the left of its equations', () => {
    const names = genericNames();
    const lhs = [...equationBlocks().matchAll(/^([A-Za-z][\w.<>]*)'?(?:\(0\))?\s*=/gm)].map(
      (m) => m[1]!,
    );
    expect(lhs.length).toBeGreaterThan(60);
    const unknown = lhs.filter((n) => !names.has(n) && n !== 'mix');
    expect(unknown).toEqual([]);
  });
});
