// Currency units built from data/catalogue/currencies.json: spellings as reports print them, magnitudes, the dataset's
// own currency for spellings that name none, and no conversion between currencies.
import { describe, expect, it } from "vitest";
import { loadCatalogue, loadCurrencies } from "../../src/io/reference.js";
import { unitBySpelling } from "../../src/model/catalogue.js";
import { conversionFactor, currencyMillion } from "../../src/model/units.js";
import type { Catalogue } from "../../src/model/types.js";

const built = (currency: string): Catalogue => {
  const c = loadCatalogue(undefined, currency);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return c.value;
};
const cny = built("CNY");
const twd = built("TWD");

/** [spelling, unit id, how many of the currency one unit is] — the factors written out by hand from 千 = 10³, 萬 = 10⁴, 億 = 10⁸. */
const SPELLINGS: [string, string, string][] = [
  ["RMB million", "RMB-million", "1000000"],
  ["人民幣百萬元", "RMB-million", "1000000"],
  ["百萬元人民幣", "RMB-million", "1000000"],
  ["CNY thousand", "RMB-thousand", "1000"],
  ["RMB'000", "RMB-thousand", "1000"],
  ["人民币亿元", "RMB-100-million", "100000000"],
  ["人民幣萬元", "RMB-10-thousand", "10000"],
  ["NT$仟元", "TWD-thousand", "1000"],
  ["NT$ thousand", "TWD-thousand", "1000"],
  ["新臺幣仟元", "TWD-thousand", "1000"],
  ["新台幣億元", "TWD-100-million", "100000000"],
  ["NT$100 million", "TWD-100-million", "100000000"],
  ["TWD-million", "TWD-million", "1000000"],
  ["HK$'000", "HKD-thousand", "1000"],
  ["HK$ million", "HKD-million", "1000000"],
  ["港幣千元", "HKD-thousand", "1000"],
  ["US$ million", "USD-million", "1000000"],
  ["USD billion", "USD-billion", "1000000000"],
  ["百萬美元", "USD-million", "1000000"],
  ["€ million", "EUR-million", "1000000"],
  ["EUR m", "EUR-million", "1000000"],
  ["千歐元", "EUR-thousand", "1000"],
  ["£m", "GBP-million", "1000000"],
  ["GBP thousand", "GBP-thousand", "1000"],
  ["百万円", "JPY-million", "1000000"],
  ["億円", "JPY-100-million", "100000000"],
  ["JPY million", "JPY-million", "1000000"],
  ["MOP million", "MOP-million", "1000000"],
];

describe("currency units", () => {
  it.each(SPELLINGS)("%s is %s, %s of the currency", (spelling, id, factor) => {
    const u = unitBySpelling(cny, spelling);
    expect(u?.id).toBe(id);
    // Against the currency's million (its base): factor ÷ 10⁶.
    const million = currencyMillion(cny, u!.currency!)!;
    expect(conversionFactor(u!, million)!.times(1_000_000).toString()).toBe(factor);
  });

  it("reads spellings that name no currency as the dataset's own", () => {
    for (const [text, magnitude] of [
      ["百萬", "million"],
      ["千元", "thousand"],
      ["仟元", "thousand"],
      ["億元", "100-million"],
      ["'000", "thousand"],
      ["萬元", "10-thousand"],
    ] as const) {
      expect(unitBySpelling(cny, text)?.id).toBe(`RMB-${magnitude}`);
      expect(unitBySpelling(twd, text)?.id).toBe(`TWD-${magnitude}`);
    }
    expect(unitBySpelling(twd, "$")?.id).toBe("TWD");
    expect(unitBySpelling(twd, "元")?.id).toBe("TWD");
    // "$" and "¥" name several currencies: only the dataset's own reads them.
    expect(unitBySpelling(twd, "¥ million")).toBeUndefined();
    expect(unitBySpelling(built("JPY"), "¥ million")?.id).toBe("JPY-million");
    expect(unitBySpelling(cny, "¥ million")?.id).toBe("RMB-million");
  });

  it("never converts one currency into another", () => {
    const rmb = unitBySpelling(cny, "RMB million")!;
    const nt = unitBySpelling(cny, "NT$ million")!;
    expect(conversionFactor(rmb, nt)).toBeNull();
    expect(conversionFactor(unitBySpelling(cny, "NT$仟元")!, nt)!.toString()).toBe("0.001");
  });

  it("names the currency in every language", () => {
    const u = twd.units.find((x) => x.id === "TWD-million")!;
    expect(u.labels).toEqual({ en: "NT$ million", "zh-Hant": "新臺幣百萬元", "zh-Hans": "新台币百万元" });
    expect(cny.units.find((x) => x.id === "RMB-million")!.labels).toEqual({
      en: "RMB million",
      "zh-Hant": "人民幣百萬元",
      "zh-Hans": "人民币百万元",
    });
    expect(cny.units.find((x) => x.id === "USD")!.labels.en).toBe("US$");
  });

  it("has a source for the codes, the symbols and the magnitudes, and a unit of a million for every currency", () => {
    const file = loadCurrencies();
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(Object.keys(file.value.sources).sort()).toEqual(["codes", "magnitudes", "symbols"]);
    for (const c of file.value.currencies) expect(currencyMillion(cny, c.code)?.id).toBe(`${c.id}-million`);
    // Every magnitude is a power of ten whose exponent its Chinese name states.
    const exponent: Record<string, number> = { 千: 3, 萬: 4, 十萬: 5, 百萬: 6, 千萬: 7, 億: 8, 十億: 9, "": 0 };
    for (const m of file.value.magnitudes) expect(m.factor).toBe(`1${"0".repeat(exponent[m.labels["zh-Hant"]]!)}`);
  });
});
