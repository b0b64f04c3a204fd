import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { closest, editDistance, foldLabel } from "../../src/model/fold.js";

const radicals = (JSON.parse(readFileSync(new URL("../../data/text/cjk-radicals-supplement.json", import.meta.url), "utf8")) as { map: Record<string, string> }).map;
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

  it("drops U+FFFD, whitespace and footnote markers glued to CJK labels", () => {
    expect(fold("能耗總強度\uFFFD")).toBe("能耗總強度");
    expect(fold("環境指標2")).toBe("環境指標");
    expect(fold("�����溫室氣體排放")).toBe("溫室氣體排放");
    expect(fold(" 天然氣\u00a0")).toBe("天然氣");
    expect(fold("溫室氣體排放強度¹")).toBe("溫室氣體排放強度");
  });

  it("keeps digits that are part of the name, and folds case", () => {
    expect(fold("PM2.5")).toBe("pm2.5");
    expect(fold("tCO2e")).toBe("tco2e");
    expect(fold("SO₂")).toBe("so2");
  });
});

describe("closest", () => {
  it("ranks by edit distance", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(closest("範疇三", ["範疇一", "能耗總量", "範疇二"], (s) => s, 2)).toEqual(["範疇一", "範疇二"]);
  });
});
