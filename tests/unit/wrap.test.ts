// Long factor lists in the analysis tables wrap after their separators and are never cut.
import { describe, expect, it } from "vitest";
import { wrapList } from "../../src/render/analysis.js";

describe("wrapList", () => {
  it("breaks after ', ' into lines of at most the width, keeping every id whole", () => {
    const ids =
      "cn-guideline: cn_ent_natural_gas_ncv, cn_ent_natural_gas_carbon, cn_ent_natural_gas_oxidation, gbt2589_diesel_ncv";
    const lines = wrapList(ids, 40).split("\n");
    expect(lines).toEqual([
      "cn-guideline: cn_ent_natural_gas_ncv,",
      "cn_ent_natural_gas_carbon,",
      "cn_ent_natural_gas_oxidation,",
      "gbt2589_diesel_ncv",
    ]);
    expect(lines.join(" ")).toBe(ids);
  });
  it("leaves a token longer than the width whole on its own line", () => {
    expect(wrapList("a_factor_id_far_longer_than_the_width, b", 10)).toBe("a_factor_id_far_longer_than_the_width,\nb");
  });
});
