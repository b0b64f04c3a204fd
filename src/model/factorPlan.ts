// Which factors the recalculation checks use for a dataset: what its manifest pins, else the library defaults
// for its reporting year. Pure: library and dataset in, a plan (or errors naming the manifest entry) out. Also what
// each kind of factor a recipe names resolves to under a plan, and what else the library offers in its place.
import { fail, message, ok, type InputError, type Message, type Result } from "../findings/inputError.js";
import type { Dimension } from "../schema/catalogue.js";
import type { FactorPins, MethodEntry, RecalculationsFile } from "../schema/recalculation.js";
import { Dec } from "./decimal.js";
import { factorById, type Factor } from "./factors.js";
import type { Interval } from "./interval.js";
import { chainProduct, type FactorChain, type FactorSource, type Recipe, type RecipeTerm } from "./recipes.js";
import type { Dataset } from "./types.js";
import { publishedRow } from "./columns.js";
import { metricUnit } from "./units.js";

/**
 * A factor per reporting unit, as a read-only map over the tree's leaves (in the tree's order): a unit's own pin,
 * else the shared factor. Not an entry per unit: the 200,000 sites of a large tree share one factor.
 */
class UnitFactors implements ReadonlyMap<string, Factor> {
  constructor(
    private readonly leaves: () => readonly string[],
    private readonly isUnit: (id: string) => boolean,
    /** Units with a pin of their own (undefined: the pin named no usable factor, and the unit has none). */
    private readonly own: ReadonlyMap<string, Factor | undefined>,
    private readonly shared: Factor | undefined,
  ) {}
  get(id: string): Factor | undefined {
    if (!this.isUnit(id)) return undefined;
    return this.own.has(id) ? this.own.get(id) : this.shared;
  }
  has(id: string): boolean {
    return this.get(id) !== undefined;
  }
  get size(): number {
    let n = 0;
    for (const _ of this.entries()) n++;
    return n;
  }
  *entries(): MapIterator<[string, Factor]> {
    for (const leaf of this.leaves()) {
      const f = this.own.has(leaf) ? this.own.get(leaf) : this.shared;
      if (f) yield [leaf, f];
    }
  }
  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): MapIterator<Factor> {
    for (const leaf of this.leaves()) {
      const f = this.own.has(leaf) ? this.own.get(leaf) : this.shared;
      if (f) yield f;
    }
  }
  [Symbol.iterator](): MapIterator<[string, Factor]> {
    return this.entries();
  }
  forEach(fn: (value: Factor, key: string, map: ReadonlyMap<string, Factor>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}

export interface FuelRecipe {
  ncv: Factor;
  /** Either a CO2 factor per energy, or carbon content per energy × oxidation × 44/12. */
  co2?: Factor;
  carbon?: Factor;
  oxidation?: Factor;
}

export interface Method {
  id: string;
  labels: MethodEntry["labels"];
  fuels: Map<string, FuelRecipe>;
}

export interface Library {
  factors: Factor[];
  rules: RecalculationsFile;
  /** The recalculations the rules describe (model/recipes.ts buildRecipes). */
  recipes: Recipe[];
}

export interface FactorPlan {
  ncv: Map<string, Factor>;
  method: Method;
  /** Other methods, reported next to the pinned one. */
  alternatives: Method[];
  /** Grid factor per facility (leaf). */
  grid: ReadonlyMap<string, Factor>;
  /**
   * Market-based scope 2: the pinned residual-mix (or supplier) factor per facility; a unit without one takes its
   * grid factor for the electricity no instrument covers (the GHG Protocol's fallback where no residual mix exists).
   */
  residual: ReadonlyMap<string, Factor>;
  /** Each contractual instrument's own factor, by instrument (certificates, green_power, ppa), as pinned. */
  instruments: Map<string, Factor>;
  materiality: Dec;
  co2PerCarbon: Dec;
  /** What came from the dataset and what from the library's defaults, for the report. */
  pinned: string[];
  /** What could not be recalculated and why (no grid factor for the year, …). */
  notes: Message[];
}

export interface PinLocation {
  file: string;
  line?: number;
  column?: number;
  excerpt?: string;
}

export function planFactors(dataset: Dataset, library: Library, materialityOption: Dec | null): Result<FactorPlan> {
  const errors: InputError[] = [];
  const pins: FactorPins = dataset.factorPins ?? {};
  const rules = library.rules;
  const where = (path: string): PinLocation =>
    dataset.pinLocations[path] ?? { file: "data/factors/recalculations.json" };
  const fuelDimension = (activity: string) =>
    metricUnit(dataset.catalogue, rules.fuels.find((x) => x.activity === activity)?.metric ?? "")?.dimension;
  const find = (id: string, path: string, kind?: string, fuel?: string): Factor | undefined => {
    const f = factorById(library.factors, id);
    // An NCV per mass cannot apply to a fuel measured by volume (and vice versa): that would be a silent unit slip.
    const dim = fuel ? fuelDimension(fuel) : undefined;
    if (f && dim && f.per && f.per.dimension !== dim) {
      errors.push({
        code: "unit-mismatch",
        ...where(path),
        found: id,
        message: `${path}: factor "${id}" is per ${f.per.dimension} (${f.unit}), but ${fuel} is measured by ${dim}`,
        hint: `pick a factor per ${dim}: esg-recalc factors --kind ${f.kind} --activity ${fuel}`,
        say: {
          message: message("error.factor-per", {
            path,
            id,
            per: message(`phrase.dimension.${f.per.dimension}`),
            unit: f.unit,
            fuel: fuel!,
            dimension: message(`phrase.dimension.${dim}`),
          }),
          hint: message("error.factor-per.hint", {
            dimension: message(`phrase.dimension.${dim}`),
            command: `esg-recalc factors --kind ${f.kind} --activity ${fuel}`,
          }),
        },
      });
      return undefined;
    }
    if (!f)
      errors.push({
        code: "factor-unknown",
        ...where(path),
        found: id,
        message: `${path}: no factor "${id}" in the library`,
        hint: "esg-recalc factors lists the library; add your own with --factors FILE",
        say: {
          message: message("error.factor-unknown", { path, id }),
          hint: message("error.factor-unknown.hint"),
        },
      });
    else if (kind && f.kind !== kind)
      errors.push({
        code: "factor-unknown",
        ...where(path),
        found: id,
        message: `${path}: factor "${id}" is a ${f.kind} factor, not ${kind}`,
        say: { message: message("error.factor-kind", { path, id, kind: f.kind, wanted: kind }) },
      });
    return f;
  };
  const pinned: string[] = [];

  const ncv = new Map<string, Factor>();
  for (const fuel of rules.fuels) {
    const id = pins.ncv?.[fuel.activity];
    if (id) pinned.push(`ncv.${fuel.activity}`);
    const f = find(
      id ?? rules.defaults.ncv[fuel.activity] ?? "",
      id ? `factors.ncv.${fuel.activity}` : `defaults.ncv.${fuel.activity}`,
      "ncv",
      fuel.activity,
    );
    if (f) ncv.set(fuel.activity, f);
  }

  const methods: Method[] = rules.methods.map((m) => ({
    id: m.id,
    labels: m.labels,
    fuels: new Map(
      Object.entries(m.fuels).map(([fuel, r]) => {
        const path = `methods.${m.id}.${fuel}`;
        const recipe: FuelRecipe = { ncv: find(r.ncv, path, "ncv", fuel)! };
        if ("co2" in r) recipe.co2 = find(r.co2, path, "co2_combustion")!;
        else {
          recipe.carbon = find(r.carbon, path, "carbon_content")!;
          recipe.oxidation = find(r.oxidation, path, "oxidation")!;
        }
        return [fuel, recipe];
      }),
    ),
  }));
  const methodId = pins.scope1Method ?? rules.defaults.scope1Method;
  if (pins.scope1Method) pinned.push("scope1Method");
  const method = methods.find((m) => m.id === methodId);
  if (!method)
    errors.push({
      code: "factor-unknown",
      ...where("factors.scope1Method"),
      found: methodId,
      message: `unknown scope 1 method "${methodId}"`,
      expected: methods.map((m) => m.id).join(", "),
      say: {
        message: message("error.method-unknown", { methodId }),
        expected: message("error.list", { names: methods.map((m) => m.id).join(", ") }),
      },
    });

  const year = dataset.period.end.slice(0, 4);
  const gridDefault = pins.grid ?? rules.defaults.grid[year];
  if (pins.grid) pinned.push("grid");
  const tree = dataset.tree;
  let leafList: string[] | undefined;
  const leaves = () => (leafList ??= [...tree.nodes.values()].filter((n) => n.children.length === 0).map((n) => n.id));
  const isUnit = (id: string) => tree.nodes.get(id)?.children.length === 0;
  /** A pin per reporting unit (gridByFacility, residualMixByFacility): each must name a unit; each is reported. */
  const perUnit = (field: "gridByFacility" | "residualMixByFacility", label: string) => {
    for (const facility of Object.keys(pins[field] ?? {})) {
      if (!isUnit(facility))
        errors.push({
          code: "facility-unknown",
          ...where(`factors.${field}.${facility}`),
          found: facility,
          message: `factors.${field} names "${facility}", which is not a reporting unit`,
          expected: leaves().join(", "),
          say: {
            message: message("error.factors.unit", { field, facility }),
            expected: message("error.list", { names: leaves().join(", ") }),
          },
        });
      pinned.push(`${label}.${facility}`);
    }
  };
  perUnit("gridByFacility", "grid");
  // The shared factor is looked up once (one error for one bad pin), then each unit's own pin.
  const shared = gridDefault
    ? find(gridDefault, pins.grid ? "factors.grid" : `defaults.grid.${year}`, "grid")
    : undefined;
  const notes: Message[] = [];
  if (!gridDefault)
    notes.push(
      message("phrase.note.no-grid-year", {
        year: String(year),
        years: Object.keys(rules.defaults.grid).sort().join(", "),
      }),
    );
  // No factor for this year: scope 2 is not recalculated for the unit.
  const ownGrid = new Map<string, Factor | undefined>();
  // (In the tree's order, as any message about them is.)
  if (Object.keys(pins.gridByFacility ?? {}).length)
    for (const leaf of leaves()) {
      const own = pins.gridByFacility?.[leaf];
      if (own) ownGrid.set(leaf, find(own, `factors.gridByFacility.${leaf}`, "grid"));
    }
  const grid = new UnitFactors(leaves, isUnit, ownGrid, shared);

  // Market-based scope 2: the residual factor (per unit) and the instruments' own factors, only as pinned.
  const residualKinds = ["residual_mix", "supplier", "grid"];
  const findResidual = (id: string, path: string): Factor | undefined => {
    const f = find(id, path);
    if (f && !residualKinds.includes(f.kind)) {
      errors.push({
        code: "factor-unknown",
        ...where(path),
        found: id,
        message: `${path}: factor "${id}" is of kind ${f.kind}, not residual_mix, supplier or grid`,
        say: { message: message("error.factors.market-kind", { path, id, kind: f.kind }) },
      });
      return undefined;
    }
    return f;
  };
  if (pins.residualMix) pinned.push("residualMix");
  perUnit("residualMixByFacility", "residualMix");
  const sharedResidual = pins.residualMix ? findResidual(pins.residualMix, "factors.residualMix") : undefined;
  const ownResidual = new Map<string, Factor | undefined>();
  if (Object.keys(pins.residualMixByFacility ?? {}).length)
    for (const leaf of leaves()) {
      const own = pins.residualMixByFacility?.[leaf];
      if (own) ownResidual.set(leaf, findResidual(own, `factors.residualMixByFacility.${leaf}`));
    }
  const residual = new UnitFactors(leaves, isUnit, ownResidual, sharedResidual);
  const instruments = new Map<string, Factor>();
  const known = (rules.scope2Market?.instruments ?? []).map((i) => i.activity);
  for (const [activity, id] of Object.entries(pins.instruments ?? {})) {
    const path = `factors.instruments.${activity}`;
    if (!known.includes(activity)) {
      errors.push({
        code: "factor-unknown",
        ...where(path),
        found: activity,
        message: `factors.instruments names "${activity}", which is not a contractual instrument the recalculation knows`,
        expected: known.join(", "),
        say: {
          message: message("error.factors.instrument", { activity }),
          expected: message("error.list", { names: known.join(", ") }),
        },
      });
      continue;
    }
    pinned.push(`instruments.${activity}`);
    const f = find(id, path, "instrument");
    if (f && f.kind === "instrument") instruments.set(activity, f);
  }

  notes.push(...marketEqualsLocation(dataset, library), ...(dataset.gwpNotes ?? []));
  if (pins.gwp) pinned.push("gwp");

  const materiality = materialityOption ?? new Dec(pins.materiality ?? rules.defaults.materiality);
  if (materiality.lt(0) || materiality.gte(1))
    errors.push({
      code: "factor-invalid",
      ...where("factors.materiality"),
      found: materiality.toFixed(),
      message: `factors.materiality must be a share from 0 up to 1 (0.05 = 5%), not ${materiality.toFixed()}`,
      say: { message: message("error.factors.materiality", { toFixed: materiality.toFixed() }) },
    });
  const [a = "44", b = "12"] = rules.co2PerCarbon.ratio.split("/");
  if (errors.length || !method) return fail(...errors);
  return ok({
    ncv,
    method,
    alternatives: methods.filter((m) => m !== method),
    grid,
    residual,
    instruments,
    materiality,
    co2PerCarbon: new Dec(a).div(b),
    pinned,
    notes,
  });
}

/** Carbon content route: NCV × carbon content × oxidation × 44/12; CO2 factor route: NCV × CO2 per energy. */
export function combustionFactors(recipe: FuelRecipe, plan: FactorPlan): FactorChain {
  if (recipe.co2) return { factors: [recipe.ncv, recipe.co2], constants: [] };
  return { factors: [recipe.ncv, recipe.carbon!, recipe.oxidation!], constants: [plan.co2PerCarbon] };
}

/** A factor the implied-factor analysis compares a unit's implied factor with, in base units. */
export interface FactorChoice {
  /** A library factor, or a scope 1 method's combined factor for the fuel. */
  id: string;
  kind: "factor" | "method";
  factor?: Factor;
  base: Interval;
  baseValue: Dec;
}

const single = (f: Factor | undefined): FactorChain | null => (f ? { factors: [f], constants: [] } : null);
const asChoice = (f: Factor): FactorChoice => ({
  id: f.id,
  kind: "factor",
  factor: f,
  base: f.base,
  baseValue: f.baseValue,
});

/** Each kind of factor a recipe's term can name: what the plan multiplies it by, and the library's choices for it. */
export const FACTOR_SOURCES: Record<
  FactorSource,
  {
    /** Null: the plan has no such factor for the activity (or the unit, or under the method). */
    chain(plan: FactorPlan, method: Method, activity: string, facility: string): FactorChain | null;
    /** `per`: the dimension the activity is measured in. */
    choices(library: Library, plan: FactorPlan, activity: string, per: Dimension | undefined): FactorChoice[];
  }
> = {
  ncv: {
    chain: (plan, _method, activity) => single(plan.ncv.get(activity)),
    choices: (library, _plan, activity, per) =>
      library.factors
        .filter((f) => f.kind === "ncv" && f.activity === activity && f.per?.dimension === per)
        .map(asChoice),
  },
  combustion: {
    chain: (plan, method, activity) => {
      const recipe = method.fuels.get(activity);
      return recipe ? combustionFactors(recipe, plan) : null;
    },
    choices: (_library, plan, activity) =>
      [plan.method, ...plan.alternatives].flatMap((m) => {
        const recipe = m.fuels.get(activity);
        if (!recipe) return [];
        const { value, base } = chainProduct(combustionFactors(recipe, plan));
        return [{ id: m.id, kind: "method" as const, base, baseValue: value }];
      }),
  },
  grid: {
    chain: (plan, _method, _activity, facility) => single(plan.grid.get(facility)),
    choices: (library) => library.factors.filter((f) => f.kind === "grid").map(asChoice),
  },
  residual: {
    chain: (plan, _method, _activity, facility) => single(plan.residual.get(facility) ?? plan.grid.get(facility)),
    choices: (library) =>
      library.factors
        .filter((f) => f.kind === "residual_mix" || f.kind === "supplier" || f.kind === "grid")
        .map(asChoice),
  },
  instrument: {
    chain: (plan, _method, activity) => single(plan.instruments.get(activity)),
    choices: (library, _plan, activity) =>
      library.factors.filter((f) => f.kind === "instrument" && f.activity === activity).map(asChoice),
  },
};

/** The factors and constants a term is multiplied by for a unit under a method; null when one of its kinds has none. */
export function termFactors(plan: FactorPlan, term: RecipeTerm, method: Method, facility: string): FactorChain | null {
  const chains = term.factors.map((source) => FACTOR_SOURCES[source].chain(plan, method, term.activity, facility));
  if (chains.some((c) => c === null)) return null;
  return {
    factors: chains.flatMap((c) => c!.factors),
    constants: [...chains.flatMap((c) => c!.constants), ...term.constants],
  };
}

/**
 * Columns that print the same figure for both scope 2 methods: a note each, not a failure — the GHG Protocol's scope 2
 * guidance takes the grid average for electricity without instruments where no residual mix exists (China's case).
 */
export function marketEqualsLocation(dataset: Dataset, library: Pick<Library, "rules">): Message[] {
  const mb = library.rules.scope2Market;
  if (!mb) return [];
  const lb = publishedRow(dataset, library.rules.scope2.metric);
  const market = publishedRow(dataset, mb.metric);
  if (!lb || !market) return [];
  const out: Message[] = [];
  for (const cell of market.cells) {
    const other = lb.cells.find((c) => c.column === cell.column);
    if (cell.value.kind !== "number" || other?.value.kind !== "number") continue;
    if (!cell.value.number.value.eq(other.value.number.value)) continue;
    out.push(
      message("phrase.note.market-equals-location", {
        market: mb.metric,
        location: library.rules.scope2.metric,
        column: cell.column,
        printed: cell.text.trim(),
      }),
    );
  }
  return out;
}
