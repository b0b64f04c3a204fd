// Currency units from data/catalogue/currencies.json: every currency × magnitude, with the spellings reports print
// ("NT$仟元", "HK$'000", "百萬美元", "RMB million"). Spellings that name no currency ("百萬", "千元", "$", "元") are
// given to the dataset's own currency only. Pure.
import type { CurrenciesFile } from "../schema/catalogue.js";
import { Dec } from "./decimal.js";
import { foldLabel, type RadicalTable } from "./fold.js";
import type { Unit } from "./types.js";

type Currency = CurrenciesFile["currencies"][number];
type Magnitude = CurrenciesFile["magnitudes"][number];

/** The id of a currency's unit of a magnitude: RMB-million, TWD-thousand; the magnitude "one" has the currency's id. */
export const currencyUnitId = (c: { id: string }, m: { id: string }): string =>
  m.id === "one" ? c.id : `${c.id}-${m.id}`;

const fill = (template: string, m: string): string => template.replace("{m}", m).replace(/\s+/g, " ").trim();

/**
 * Every folded spelling of one currency × magnitude: the currency's before or after the magnitude's. Folding is
 * per character run (NFKC, radicals, white space), so the parts are folded once and joined: thousands of spellings
 * cost a hundred folds.
 */
function spellings(c: Currency, m: Magnitude, own: boolean, fold: (s: string) => string): string[] {
  const names = (own ? [...c.spellings, ...c.local] : c.spellings).map(fold);
  const out = new Set<string>();
  for (const n of names) {
    for (const raw of m.spellings) {
      const g = fold(raw);
      out.add(`${n}${g}`);
      if (g !== "") out.add(`${g}${n}`);
      if (g !== "" && /^[A-Za-z]/.test(g)) out.add(`${n}-${g}`);
    }
  }
  if (own) for (const b of m.bare) out.add(fold(b));
  return [...out].filter((s) => s !== "");
}

/** The currency units; `own`: the dataset's currency (ISO 4217), the only one spellings without a currency name. */
export function currencyUnits(file: CurrenciesFile, own: string, radicals: RadicalTable): Unit[] {
  const folded = new Map<string, string>();
  const fold = (s: string) => folded.get(s) ?? folded.set(s, foldLabel(s, radicals, { keepCase: true })).get(s)!;
  return file.currencies.flatMap((c) =>
    file.magnitudes.map((m) => {
      const id = currencyUnitId(c, m);
      const labels = {
        en: fill(c.labels.en, m.labels.en),
        "zh-Hant": fill(c.labels["zh-Hant"], m.labels["zh-Hant"]),
        "zh-Hans": fill(c.labels["zh-Hans"], m.labels["zh-Hans"]),
      };
      return {
        id,
        dimension: "currency" as const,
        // The base of every currency is its million: RMB-million is 1, as the intensities of NIO's table are per it.
        toBase: { num: new Dec(m.factor).div(1_000_000), den: new Dec(1) },
        additive: true,
        labels,
        spellings: [
          ...new Set([...Object.values(labels).map(fold), fold(id), ...spellings(c, m, c.code === own, fold)]),
        ],
        currency: c.code,
      };
    }),
  );
}
export const currencyCodes = (file: CurrenciesFile): string[] => file.currencies.map((c) => c.code);
