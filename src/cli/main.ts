// The command line: parses options, runs the pipeline, picks a renderer, writes, and returns the exit code.
// The only place that decides exit codes: 0 done, 1 findings at or above --fail-on, 2 bad usage or bad input.
import { allColumns, columnById, publishedRow, publishedRows } from "../model/columns.js";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { FACTOR_KINDS } from "../model/factors.js";
import type { InputError } from "../findings/inputError.js";
import { isCellFinding } from "../findings/finding.js";
import { loadLibrary } from "../io/factors.js";
import { loadCatalogue, loadMessages, loadTexts, toolVersion } from "../io/reference.js";
import { Manifest } from "../schema/manifest.js";
import { activityRows } from "../model/activitySource.js";
import { foldLabel, matchLabel } from "../model/fold.js";
import { recomputedFor } from "../reconcile/reconcile.js";
import { checkDataset, failed, openDataset, type CheckResult } from "../pipeline.js";
import { appendToFile, checkOutputPath, runInputs, writeFileAtomic } from "../io/output.js";
import { EMBEDDED_DATASET } from "../io/reference.js";
import { displayPath, type LoadOptions } from "../io/dataset.js";
import type { ScanProgress } from "../io/activityScan.js";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { errorsJson, renderErrors } from "../render/errors.js";
// What only one command or one format needs is imported when it runs (start-up time, issue 16).
import type { FactorFilter } from "../render/factors.js";
import { BINARY_FORMATS, loadReporter } from "../render/formats.js";
import type { ReportOptions } from "../render/options.js";
import { t, type RenderContext } from "../render/labels.js";
import { paint, type Paint } from "../render/style.js";
import { closest } from "../model/fold.js";
import { label } from "../schema/common.js";
import { collect, colorLevel, FAIL_ON, FORMATS, groupsOf, parseFailOn, parseFormat, parseLang, parseMateriality, showsProgress, type CliFlags } from "./options.js";
import { LANGS } from "../schema/common.js";

export interface Io {
  /** `columns`: the terminal's width, when stdout is one (the table report is fitted to it). */
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

const EXIT = { ok: 0, findings: 1, input: 2 } as const;


function addCommonOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option("--lang <lang>", "language of labels and words").choices(LANGS).default("en").argParser(parseLang))
    .option("--revenue <n>", "denominator for intensities, in the manifest's denominator unit (RMB million for NIO); exact unless written N±T")
    .option("--denominator <id>", "use a denominator the manifest declares (e.g. revenue-printed)")
    .option("--factors <file>", "a factor CSV (columns as data/factors/factors.csv) added to the library; its rows replace library rows with the same id (repeatable)", collect)
    .option("--materiality <share>", "threshold of the recalculation checks, e.g. 5% or 0.02 (default: the dataset's, else 5%)", parseMateriality)
    .option("--color", "colour even when not a terminal")
    .option("--no-color", "never colour");
}

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command("esg-recalc")
    .description("Recheck the environmental table of an ESG report: recompute every subtotal, total and intensity from facility data with exact decimals, and report each published cell that disagrees.")
    .version(toolVersion(), "-V, --version")
    .exitOverride()
    // commander's own complaints (unknown option, bad choice) in the tool's error format
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s.replace(/^error: /, "error[usage]: ")) })
    .showHelpAfterError("(run with --help for usage)");

  addCommonOptions(
    program
      .command("check")
      .description("recompute the published table and report every cell (no DATASET: the embedded NIO 2021 dataset)")
      .argument("[dataset]", "dataset folder (holds manifest.json)"),
  )
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("table").argParser(parseFormat))
    .addOption(new Option("--fail-on <status>", "lowest status that makes the exit code 1 (none: never)").choices(FAIL_ON).default("mismatch").argParser(parseFailOn))
    .option("--problems", "table, markdown, json, csv: list only findings that are not a match (json: counts still count every finding)")
    .option("--no-recalculation", "skip recalculating energy and emissions from activity data and factors")
    .option("--no-implied", "skip the implied-factor analysis")
    .option("--no-boundary", "skip the boundary-completeness checks")
    .option("--no-denominators", "skip the denominator analysis")
    .option("--output <file>", "write the report to FILE (atomically: a temporary file, then a rename) instead of stdout; never over an input of the dataset")
    .option("--bom", "csv: start with a UTF-8 byte-order mark, so that Excel reads Chinese labels correctly")
    .option("--quiet", "no progress line on stderr (there is none anyway when stderr is not a terminal)")
    .exitOverride()
    .action(async (dataset: string | undefined, flags: CliFlags) => {
      code = await runCheck(dataset, flags, io);
    });

  addCommonOptions(
    program
      .command("explain")
      .description("the audit trail of one published cell: formula, inputs with file:line and interval, verdict")
      .argument("<metric>", "metric id (e.g. energy.intensity) or its label in any language"),
  )
    .option("--column <column>", "column id (nanjing, hefei, manufacturing, offices, total for NIO) or its printed title; default: the metric's only published number, else the total")
    .option("--dataset <dir>", "dataset folder (default: the embedded NIO 2021 dataset)")
    .addOption(new Option("--format <format>", "text or json").choices(["text", "json"]).default("text"))
    .exitOverride()
    .action(async (metric: string, flags: CliFlags & { column?: string; dataset?: string; format: string }) => {
      code = await runExplain(metric, flags, io);
    });

  program
    .command("init")
    .description("write a new dataset folder: an example manifest, a published-table template in the report's layout, activity CSV headers")
    .argument("<dir>", "a new or empty folder")
    .addOption(new Option("--lang <lang>", "language of the template's row labels").choices(LANGS).default("en").argParser(parseLang))
    .option("--xlsx", "write the table template and the activity headers as one workbook (dataset.xlsx, one sheet each) instead of CSV files")
    .exitOverride()
    .action(async (dir: string, flags: { lang: CliFlags["lang"]; xlsx?: boolean }) => {
      code = await runInit(dir, flags, io);
    });

  addCommonOptions(
    program
      .command("validate")
      .description("check a dataset's files (manifest, published table, activity data, factor pins) without reconciling")
      .argument("[dataset]", "dataset folder (default: the embedded NIO 2021 dataset)"),
  )
    .addOption(new Option("--format <format>", "text or json").choices(["text", "json"]).default("text"))
    .exitOverride()
    .action((dataset: string | undefined, flags: CliFlags & { format: string }) => {
      code = runValidate(dataset, flags, io);
    });

  program
    .command("factors")
    .description("list the factor library (NCVs, combustion and grid emission factors) with their sources")
    .addOption(new Option("--kind <kind>", "kind of factor").choices(Object.keys(FACTOR_KINDS)))
    .option("--activity <activity>", "natural_gas, diesel, electricity, …")
    .option("--region <region>", "e.g. CN, CN-East, IPCC-default")
    .option("--year <year>", "data year the factor applies to", (v: string) => {
      if (!/^\d{4}$/.test(v)) throw new InvalidArgumentError("--year takes a four-digit year");
      return v;
    })
    .addOption(new Option("--attribution <a>", "how sure the citation is").choices(["confirmed", "uncertain"]))
    .option("--factors <file>", "add a factor CSV to the library (repeatable)", collect)
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .option("--color", "colour even when not a terminal")
    .option("--no-color", "never colour")
    .exitOverride()
    .action(async (flags: FactorFilter & { factors?: string[]; format: string; color?: boolean }) => {
      code = await runFactors(flags, io);
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version asked for are successful exits (exitCode 0); everything else commander rejects,
      // including a missing command, is bad usage. A pipeline that asked for JSON gets the error as JSON too.
      if (err.exitCode !== 0 && wantsJson(argv)) io.stdout.write(errorsJson([{ code: "usage", message: err.message.replace(/^error: /, "") }]));
      return err.exitCode === 0 ? EXIT.ok : EXIT.input;
    }
    // A bug of ours, not a finding: say so, never exit 1 (which means "the table has errors"). A pipeline that
    // asked for JSON still gets the documented error document, not an empty or half-written stdout.
    io.stderr.write(`esg-recalc: internal error: ${(err as Error)?.stack ?? String(err)}\nThis is a bug in esg-recalc; nothing was checked (exit 2).\n`);
    if (wantsJson(argv)) io.stdout.write(errorsJson([{ code: "internal-error", message: `internal error: ${(err as Error)?.message ?? String(err)}`, hint: "this is a bug in esg-recalc; please report it with the command line and the dataset" }]));
    return EXIT.input;
  }
  return code;
}

async function runInit(dir: string, flags: { lang: CliFlags["lang"]; xlsx?: boolean }, io: Io): Promise<number> {
  const [{ workbookTemplate }, { templateManifestText, writeNewDataset }, { datasetTemplate, nextSteps, templateTables }] = await Promise.all([import("../render/templateXlsx.js"), import("../io/init.js"), import("../model/template.js")]);
  const errP = paint(colorLevel(io.stderr, io.env, undefined));
  const catalogue = loadCatalogue();
  if (!catalogue.ok) return reportErrors(catalogue.errors, io, errP, false);
  const text = templateManifestText();
  const manifest = Manifest.parse(JSON.parse(text));
  const files = flags.xlsx ? workbookTemplate(templateTables(catalogue.value, manifest, flags.lang), text) : datasetTemplate(catalogue.value, text, manifest, flags.lang);
  const written = writeNewDataset(dir, files);
  if (!written.ok) return reportErrors(written.errors, io, errP, false);
  io.stdout.write(`${written.value.map((f) => `  wrote ${f}`).join("\n")}\n${nextSteps(dir, flags.xlsx === true)}`);
  return EXIT.ok;
}

function runValidate(datasetDir: string | undefined, flags: CliFlags & { format: string }, io: Io): number {
  const errP = paint(colorLevel(io.stderr, io.env, flags.color));
  const json = flags.format === "json";
  const loaded = load(datasetDir, { ...flags, recalculation: false, implied: false, boundary: false, denominators: false }, io.env, true);
  if (!loaded.ok) return reportErrors(loaded.errors, io, errP, json);
  const { dataset } = loaded.result;
  const leaves = [...dataset.tree.nodes.values()].filter((n) => n.children.length === 0).length;
  const summary = {
    schemaVersion: 1, tool: "esg-recalc", dataset: dataset.id, valid: true,
    nodes: dataset.tree.nodes.size, reportingUnits: leaves, periods: dataset.periods, columns: allColumns(dataset).length,
    publishedRows: publishedRows(dataset).length, activityRows: activityRows(dataset.activity), reader: dataset.activity.reader, denominators: dataset.denominators.map((d) => d.id),
  };
  io.stdout.write(json ? JSON.stringify(summary, null, 2) + "\n" : `${dataset.id}: valid — ${summary.nodes} tree nodes (${leaves} reporting units), ${summary.periods.length > 1 ? `periods ${summary.periods.join(", ")}, ` : ""}${summary.columns} published columns, ${summary.publishedRows} published rows, ${summary.activityRows} activity rows, denominators: ${summary.denominators.join(", ") || "none"}\n`);
  return EXIT.ok;
}

async function runFactors(flags: FactorFilter & { factors?: string[]; format: string; color?: boolean }, io: Io): Promise<number> {
  const { filterFactors, renderFactorsJson, renderFactorsTable } = await import("../render/factors.js");
  const errP = paint(colorLevel(io.stderr, io.env, flags.color));
  const catalogue = loadCatalogue();
  const library = catalogue.ok ? loadLibrary(catalogue.value, flags.factors ?? []) : catalogue;
  if (!library.ok) return reportErrors(library.errors, io, errP, flags.format === "json");
  const factors = filterFactors(library.value.factors, flags);
  io.stdout.write(flags.format === "json" ? renderFactorsJson(factors) : renderFactorsTable(factors, paint(colorLevel(io.stdout, io.env, flags.color))));
  return EXIT.ok;
}

function wantsJson(argv: string[]): boolean {
  return argv.some((a, i) => a === "--format=json" || (a === "--format" && argv[i + 1] === "json"));
}

function context(flags: { lang: CliFlags["lang"] }): RenderContext | InputError[] {
  const messages = loadMessages();
  const texts = loadTexts();
  if (!messages.ok || !texts.ok) return [...(messages.errors ?? []), ...(texts.errors ?? [])];
  return { lang: flags.lang, messages: messages.value[flags.lang], texts: texts.value };
}

function reportErrors(errors: InputError[], io: Io, p: Paint, json: boolean): number {
  io.stderr.write(renderErrors(errors, p));
  if (json) io.stdout.write(errorsJson(errors));
  return EXIT.input;
}

/**
 * Reader knobs from the environment (for tests and troubleshooting, not options a user needs):
 * ESG_RECALC_READER=reference reads every activity row through csv-parse, the slow path the fast one is tested
 * against; ESG_RECALC_THREADS=1 keeps one thread; ESG_RECALC_PARALLEL_MIN_BYTES moves the two-thread threshold.
 */
function readerOptions(env: NodeJS.ProcessEnv): LoadOptions {
  const from = env.ESG_RECALC_THREADS === "1" ? Infinity : env.ESG_RECALC_PARALLEL_MIN_BYTES ? Number(env.ESG_RECALC_PARALLEL_MIN_BYTES) : undefined;
  return { reader: env.ESG_RECALC_READER === "reference" ? "reference" : "fast", ...(from !== undefined ? { twoThreadsFrom: from } : {}) };
}

function load(datasetDir: string | undefined, flags: CliFlags, env: NodeJS.ProcessEnv, allowBlankTable = false, onProgress?: ScanProgress): { ok: true; result: CheckResult } | { ok: false; errors: InputError[] } {
  const dataset = openDataset(datasetDir, flags.factors ?? [], { ...readerOptions(env), ...(onProgress ? { onProgress } : {}) });
  if (!dataset.ok) return { ok: false, errors: dataset.errors };
  const result = checkDataset(dataset.value, {
    ...(flags.revenue !== undefined ? { revenue: flags.revenue } : {}),
    ...(flags.denominator !== undefined ? { id: flags.denominator } : {}),
    ...(flags.materiality !== undefined ? { materiality: flags.materiality } : {}),
    groups: groupsOf(flags),
    allowBlankTable,
  });
  return result.ok ? { ok: true, result: result.value } : { ok: false, errors: result.errors };
}

/**
 * A progress line on stderr while the dataset is read and checked: only when stderr is a terminal and --quiet is not
 * given. It is cleared before the report goes to stdout (which may be the same terminal).
 */
function progressLine(io: Io, flags: CliFlags, ctx: RenderContext, what: string) {
  // A dumb terminal cannot clear a line (no "\e[K"): it gets no running line, only the last one when a file was written.
  const dumb = io.env.TERM === "dumb";
  const on = showsProgress(io.stderr, flags.quiet);
  const CLEAR = "\r\u001b[K";
  const started = performance.now();
  let shown = false;
  const show = (text: string, end = "") => {
    if (!on || (dumb && end === "")) return;
    io.stderr.write(`${shown ? CLEAR : ""}esg-recalc: ${text}${end}`);
    shown = end === "";
  };
  const reading = t(ctx, "progress.reading").replace("{dataset}", what);
  const readLine = (rows: number, files: number) => {
    const seconds = Math.max(performance.now() - started, 1) / 1000;
    return t(ctx, "progress.read").replace("{rows}", rows.toLocaleString("en-US")).replace("{files}", String(files)).replace("{seconds}", seconds.toFixed(2)).replace("{rate}", Math.round(rows / seconds).toLocaleString("en-US"));
  };
  // The fast reader reports each activity file chunk by chunk (bytes read, file size, rows so far in that file).
  let done = 0;
  let last = { read: 0, total: -1, rows: 0 };
  let lastShown = 0;
  const onScan: ScanProgress = (read, total, rows) => {
    if (last.total >= 0 && last.read === last.total) done += last.rows; // the previous file was finished: a new one
    last = { read, total, rows };
    const now = performance.now();
    if (now - lastShown < 100) return;
    lastShown = now;
    show(`${reading} ${t(ctx, "progress.rows").replace("{rows}", (done + rows).toLocaleString("en-US"))}`);
  };
  let summary = "";
  return {
    onScan: on ? onScan : undefined,
    reading: () => show(reading),
    read: (result: CheckResult) => {
      const { dataset } = result;
      const rows = publishedRows(dataset).length + activityRows(dataset.activity) + dataset.claims.length;
      const files = 2 + dataset.activity.files.length + (dataset.claims.length ? 1 : 0); // the manifest, the published table, …
      summary = readLine(rows, files);
      show(summary);
    },
    // The last line stays: what was read, and where the report went.
    wrote: (file: string) => show(`${summary ? `${summary} — ` : ""}${t(ctx, "progress.wrote").replace("{file}", file)}`, "\n"),
    clear: () => {
      if (on && shown) io.stderr.write(CLEAR);
      shown = false;
    },
  };
}

/** A path as CI systems want it: relative to the repository ($GITHUB_WORKSPACE, else the working directory), with /. */
function repoPath(io: Io): (file: string) => string {
  const base = resolve(io.env.GITHUB_WORKSPACE || process.cwd());
  return (file: string) => {
    const abs = resolve(file);
    const rel = relative(base, abs);
    return (rel === "" || rel.startsWith("..") || isAbsolute(rel) ? abs : rel).split(sep).join("/");
  };
}

async function runCheck(datasetDir: string | undefined, flags: CliFlags, io: Io): Promise<number> {
  const errP = paint(colorLevel(io.stderr, io.env, flags.color));
  const json = flags.format === "json";
  const ctx = context(flags);
  if (Array.isArray(ctx)) return reportErrors(ctx, io, errP, json);
  if (flags.bom && flags.format !== "csv") return reportErrors([{ code: "usage", message: `--bom applies to --format csv, not to --format ${flags.format}` }], io, errP, json);
  // A workbook is binary: it goes to a file, never to a terminal or a pipe that expects text.
  if (BINARY_FORMATS.includes(flags.format) && flags.output === undefined) return reportErrors([{ code: "usage", message: `--format ${flags.format} writes a binary workbook: give --output FILE.${flags.format}` }], io, errP, json);
  // Refuse to overwrite an input before doing any work: the dataset's files, --factors files, the reference data.
  if (flags.output !== undefined) {
    const target = checkOutputPath(flags.output, runInputs(datasetDir ?? EMBEDDED_DATASET, flags.factors ?? []));
    if (!target.ok) return reportErrors(target.errors, io, errP, json);
  }
  const progress = progressLine(io, flags, ctx, datasetDir ?? displayPath(EMBEDDED_DATASET));
  progress.reading();
  const loaded = load(datasetDir, flags, io.env, false, progress.onScan);
  if (!loaded.ok) {
    progress.clear();
    return reportErrors(loaded.errors, io, errP, json);
  }
  const { result } = loaded;
  progress.read(result);
  // A file gets no colour unless asked for; stdout gets it on a terminal.
  const outP = paint(flags.output !== undefined ? colorLevel({ isTTY: false }, io.env, flags.color) : colorLevel(io.stdout, io.env, flags.color));
  const summaryFile = flags.format === "github" && io.env.GITHUB_STEP_SUMMARY ? io.env.GITHUB_STEP_SUMMARY : null;
  // Tables are fitted to the terminal's width only when the report goes to a terminal; piped or written to a file,
  // its layout never depends on the window it was run in.
  const width = flags.output === undefined && io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : undefined;
  const options: ReportOptions = {
    failOn: flags.failOn, problemsOnly: flags.problems === true, paint: outP, toolVersion: toolVersion(), pathOf: repoPath(io), summaryFile, bom: flags.bom === true,
    ...(datasetDir ? { datasetArg: datasetDir } : {}),
    ...(width ? { width } : {}),
  };
  const text = (await loadReporter(flags.format))(result, ctx, options);
  if (flags.output !== undefined) {
    const written = writeFileAtomic(flags.output, text);
    if (!written.ok) {
      progress.clear();
      return reportErrors(written.errors, io, errP, json);
    }
    progress.wrote(flags.output);
  } else {
    progress.clear();
    if (typeof text === "string") io.stdout.write(text); // a workbook always has --output (checked above)
  }
  // GitHub: the full list as Markdown for the job's summary page (appended: other steps write there too).
  if (summaryFile) {
    const { renderMarkdown } = await import("../render/markdown.js");
    const appended = appendToFile(summaryFile, renderMarkdown(result, ctx, { ...options, problemsOnly: true }) + "\n");
    if (!appended.ok) return reportErrors(appended.errors, io, errP, false);
  }
  return failed(result, flags.failOn) ? EXIT.findings : EXIT.ok;
}

async function runExplain(metricArg: string, flags: CliFlags & { column?: string; dataset?: string; format: string }, io: Io): Promise<number> {
  const [{ recalculationJson, renderExplain, trailJson, verdictSentence }, { findingJson }] = await Promise.all([import("../render/explain.js"), import("../render/json.js")]);
  const errP = paint(colorLevel(io.stderr, io.env, flags.color));
  const json = flags.format === "json";
  const ctx = context(flags);
  if (Array.isArray(ctx)) return reportErrors(ctx, io, errP, json);
  const loaded = load(flags.dataset, flags, io.env);
  if (!loaded.ok) return reportErrors(loaded.errors, io, errP, json);
  const { result } = loaded;
  const { dataset } = result;
  const fold = (s: string) => foldLabel(s, dataset.catalogue.radicals);

  const byLabel = matchLabel(metricArg, dataset.catalogue.metrics, (m) => m.spellings, dataset.catalogue.radicals);
  const metric = dataset.catalogue.metrics.find((m) => m.id === metricArg) ?? (byLabel.length === 1 ? byLabel[0] : undefined);
  if (!metric) {
    const near = closest(metricArg, dataset.catalogue.metrics, (m) => m.id).map((m) => `${m.id} (${label(m.labels, flags.lang)})`);
    return reportErrors([{ code: "usage", message: `unknown metric "${metricArg}"`, hint: `did you mean ${near.join(", ")}?` }], io, errP, json);
  }
  const row = publishedRow(dataset, metric.id);
  let column: string;
  if (flags.column !== undefined) {
    const c = allColumns(dataset).find((x) => x.id === flags.column || fold(x.printed) === fold(flags.column!)) ?? allColumns(dataset).find((x) => [...Object.values(dataset.tree.nodes.get(x.id)?.labels ?? {})].some((l) => fold(l) === fold(flags.column!)));
    if (!c) return reportErrors([{ code: "usage", message: `unknown column "${flags.column}"`, expected: allColumns(dataset).map((x) => x.id).join(", ") }], io, errP, json);
    column = c.id;
  } else {
    const numbers = row?.cells.filter((c) => c.value.kind === "number") ?? [];
    column = numbers.length === 1 ? numbers[0]!.column : dataset.tree.root;
  }
  const here = result.findings.filter((f) => f.metric === metric.id && f.column === column);
  const finding = here.find(isCellFinding) ?? null;
  const related = here.filter((f) => !isCellFinding(f));
  const recomputed = recomputedFor(columnById(dataset, column) ?? { id: column, printed: column, node: column, period: dataset.period.label }, metric.id, result.tables) ?? null;
  const cell = row?.cells.find((c) => c.column === column);
  const target = { metric: metric.id, column, recomputed, finding, related, publishedText: cell ? cell.text : null };
  if (json) {
    io.stdout.write(JSON.stringify({
      schemaVersion: 1,
      tool: "esg-recalc",
      dataset: dataset.id,
      metric: metric.id,
      column,
      finding: finding ? findingJson(finding, result, ctx) : null,
      verdict: finding ? verdictSentence(finding) : null,
      trail: recomputed ? trailJson(recomputed) : null,
      recalculations: related.map((f) => ({ finding: findingJson(f, result, ctx), verdict: verdictSentence(f), ...(f.recalculation ? { recalculation: recalculationJson(f.recalculation) } : {}) })),
    }, null, 2) + "\n");
  } else {
    io.stdout.write(renderExplain(target, result, ctx, paint(colorLevel(io.stdout, io.env, flags.color))));
  }
  return EXIT.ok;
}
