import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { closest, editDistance, foldLabel, matchLabel } from "../../src/model/fold.js";

const radicals = (
  JSON.parse(readFileSync(new URL("../../data/text/cjk-radicals-supplement.json", import.meta.url), "utf8")) as {
    map: Record<string, string>;
  }
).map;
const fold = (s: string) => foldLabel(s, radicals);

describe("foldLabel", () => {
  it("folds Kangxi radicals through NFKC", () => {
    expect(fold("廢\u2F54排放總量")).toBe(fold("廢水排放總量")); // ⽔ U+2F54
    expect(fold("\u2F74\u2F45\u2F76")).toBe("立方米"); // ⽴⽅⽶
  });

  it("folds the CJK Radicals Supplement through the table NFKC leaves alone", () => {
    expect("⺠".normalize("NFKC")).toBe("⺠");
    expect(fold("⼈⺠幣")).toBe("人民幣");
    expect(fold("\u2ED1")).toBe("長");
  });

  it("drops U+FFFD and whitespace, and keeps trailing digits (a marker is matchLabel's decision, not the fold's)", () => {
    expect(fold("能耗總強度\uFFFD")).toBe("能耗總強度");
    expect(fold("�����溫室氣體排放")).toBe("溫室氣體排放");
    expect(fold(" 天然氣\u00a0")).toBe("天然氣");
    expect(fold("環境指標2")).toBe("環境指標2");
    expect(fold("雲林廠 2015")).toBe("雲林廠2015");
    expect(fold("雲林廠 2016")).not.toBe(fold("雲林廠 2015"));
  });

  it("keeps digits that are part of the name, and folds case", () => {
    expect(fold("PM2.5")).toBe("pm2.5");
    expect(fold("tCO2e")).toBe("tco2e");
    expect(fold("SO₂")).toBe("so2");
  });
});

describe("matchLabel", () => {
  const labels = ["溫室氣體排放強度", "環境指標", "範疇1", "範疇2", "雲林廠2015", "雲林廠2016", "scope1"];
  const match = (text: string, pool = labels) => matchLabel(text, pool, (l) => [fold(l)], radicals);

  it("matches the folded text exactly first", () => {
    expect(match("雲林廠 2015")).toEqual(["雲林廠2015"]);
    expect(match("雲林廠 2016")).toEqual(["雲林廠2016"]);
    expect(match("範疇2")).toEqual(["範疇2"]);
  });

  it("then without a short footnote marker glued to the end", () => {
    expect(match("環境指標2")).toEqual(["環境指標"]);
    expect(match("環境指標1,2")).toEqual(["環境指標"]);
    expect(match("溫室氣體排放強度¹")).toEqual(["溫室氣體排放強度"]);
    expect(match("溫室氣體排放強度②")).toEqual(["溫室氣體排放強度"]);
    expect(match("溫室氣體排放強度 (註4)")).toEqual(["溫室氣體排放強度"]);
    expect(match("Scope 1*")).toEqual(["scope1"]);
  });

  it("never strips a year, a run of three or more digits, or digits not glued to a CJK character", () => {
    expect(match("雲林廠 2017")).toEqual([]);
    expect(match("環境指標 2")).toEqual([]);
    expect(match("環境指標123")).toEqual([]);
  });

  it("never strips digits that name things in the pool (範疇1, 範疇2 → 範疇3 is not 範疇)", () => {
    expect(match("範疇3", [...labels, "範疇"])).toEqual([]);
    expect(match("環境指標3", [...labels, "環境指標1"])).toEqual([]);
  });
});

describe("closest", () => {
  it("ranks by edit distance", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(closest("範疇三", ["範疇一", "能耗總量", "範疇二"], (s) => s, 2)).toEqual(["範疇一", "範疇二"]);
  });
});
