/**
 * Pinned fields of a story, written as stable names (by parameter name and data product id, not
 * by position): `parameters.baseChurnPerWeek`, `dataProducts.customer-360.maturity.quality`.
 */
import { ANATOMY_PARTS, type AnatomyPart } from '../model/anatomy';
import { PARAMETERS } from '../model/parameters';
import type { Scenario } from '../scenario/types';

export type Pin =
  | { readonly kind: 'parameter'; readonly name: string }
  | { readonly kind: 'maturity'; readonly productId: string; readonly part: AnatomyPart };

const PARAMETER_NAMES = new Set(PARAMETERS.map((p) => p.name));

/** Reads a pin's text, or gives the reason it is not one. */
export function parsePin(text: string): { ok: true; pin: Pin } | { ok: false; message: string } {
  const parameter = /^parameters\.([A-Za-z0-9]+)$/.exec(text);
  if (parameter) {
    const name = parameter[1]!;
    if (!PARAMETER_NAMES.has(name))
      return { ok: false, message: `no parameter is named "${name}"` };
    return { ok: true, pin: { kind: 'parameter', name } };
  }
  const maturity = /^dataProducts\.([a-z0-9][a-z0-9-]*)\.maturity\.([A-Za-z]+)$/.exec(text);
  if (maturity) {
    const part = maturity[2]!;
    if (!(ANATOMY_PARTS as readonly string[]).includes(part)) {
      return {
        ok: false,
        message: `no maturity is named "${part}" (expected one of ${ANATOMY_PARTS.join(', ')})`,
      };
    }
    return {
      ok: true,
      pin: { kind: 'maturity', productId: maturity[1]!, part: part as AnatomyPart },
    };
  }
  return {
    ok: false,
    message: 'expected "parameters.<name>" or "dataProducts.<id>.maturity.<part>"',
  };
}

/** Where a pin lives in a scenario (`['dataProducts', 0, 'maturity', 'quality']`), or null. */
export function pinPath(
  pin: Pin,
  scenario: Pick<Scenario, 'dataProducts'>,
): (string | number)[] | null {
  if (pin.kind === 'parameter') return ['parameters', pin.name];
  const index = scenario.dataProducts.findIndex((p) => p.id === pin.productId);
  return index < 0 ? null : ['dataProducts', index, 'maturity', pin.part];
}

/**
 * Every pin a story may hold in this scenario, in registry order: each model parameter, then
 * each data product's anatomy maturities.
 */
export function pinnableNames(scenario: Pick<Scenario, 'dataProducts'>): string[] {
  return [
    ...PARAMETERS.map((p) => `parameters.${p.name}`),
    ...scenario.dataProducts.flatMap((product) =>
      ANATOMY_PARTS.map((part) => `dataProducts.${product.id}.maturity.${part}`),
    ),
  ];
}
