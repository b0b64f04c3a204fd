// The command line: parses options, runs the pipeline, picks a renderer, writes, and returns the exit code.
// The only place that decides exit codes: 0 done, 1 findings at or above --fail-on, 2 bad usage or bad input.
import { allColumns, columnById, publishedRow, publishedRows } from "../model/columns.js";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { FACTOR_KINDS } from "../model/factors.js";
import { message, type InputError, type InputErrorSay, type Message, type MessageArg } from "../findings/inputError.js";
import { formatMessage } from "../findings/message.js";
import { isCellFinding } from "../findings/finding.js";
import { loadLibrary } from "../io/factors.js";
import { loadCatalogue, loadMessages, loadTexts, toolVersion } from "../io/reference.js";
import { Manifest } from "../schema/manifest.js";
import { activityRows } from "../model/activitySource.js";
import { foldLabel, matchLabel } from "../model/fold.js";
import { recomputedFor } from "../reconcile/reconcile.js";
import { checkDataset, failed, openDataset, type CheckResult } from "../pipeline.js";
import { ackKey, type AckColumn } from "../model/acknowledgements.js";
import { claimFingerprint, findingFingerprint } from "../reconcile/acknowledge.js";
import { writeAcknowledgement } from "../io/acknowledged.js";
import { appendToFile, checkOutputPath, runInputs, writeFileAtomic } from "../io/output.js";
import { EMBEDDED_DATASET } from "../io/reference.js";
import { displayPath, type LoadOptions } from "../io/dataset.js";
import type { ScanProgress } from "../io/activityScan.js";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { errorsJson, renderErrors, type ErrorLanguage } from "../render/errors.js";
// What only one command or one format needs is imported when it runs (start-up time, issue 16).
import type { FactorFilter } from "../render/factors.js";
import { BINARY_FORMATS, loadReporter } from "../render/formats.js";
import type { ReportOptions } from "../render/options.js";
import { t, type RenderContext } from "../render/labels.js";
import type { MessageKey } from "../schema/ui.js";
import { expandDatasets, isBatch } from "../io/batch.js";
import type { BatchEntry } from "../render/batch.js";
import type { WorkerSetup } from "./batchPool.js";
import { availableParallelism } from "node:os";
import { paint, type Paint } from "../render/style.js";
import { closest } from "../model/fold.js";
import { label } from "../schema/common.js";
import {
  collect,
  colorLevel,
  FAIL_ON,
  FORMATS,
  groupsOf,
  parseFailOn,
  parseFormat,
  parseLang,
  parseMateriality,
  showsProgress,
  type CliFlags,
} from "./options.js";
import { LANGS, type Lang } from "../schema/common.js";

export interface Io {
  /** `columns`: the terminal's width, when stdout is one (the table report is fitted to it). */
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** The clock (`init`'s default year); tests fix it. Without one, SOURCE_DATE_EPOCH (seconds) when set, else now. */
  now?: () => Date;
}

const EXIT = { ok: 0, findings: 1, input: 2 } as const;

function addCommonOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option("--lang <lang>", "language of labels and words").choices(LANGS).default("en").argParser(parseLang),
    )
    .option(
      "--revenue <n>",
      "denominator for intensities, in the manifest's denominator unit (RMB million for NIO); exact unless written N±T",
    )
    .option("--denominator <id>", "use a denominator the manifest declares (e.g. revenue-printed)")
    .option(
      "--factors <file>",
      "a factor CSV (columns as data/factors/factors.csv) added to the library; its rows replace library rows with the same id (repeatable)",
      collect,
    )
    .option(
      "--materiality <share>",
      "threshold of the recalculation checks, e.g. 5% or 0.02 (default: the dataset's, else 5%)",
      parseMateriality,
    )
    .option("--color", "colour even when not a terminal")
    .option("--no-color", "never colour");
}

export async function main(
  argv: string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command("esg-recalc")
    .description(
      "Recheck the environmental table of an ESG report: recompute every subtotal, total and intensity from facility data with exact decimals, and report each published cell that disagrees.",
    )
    .version(toolVersion(), "-V, --version")
    .exitOverride()
    // commander's own complaints (unknown option, bad choice) in the tool's error format
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(usageInLanguage(s.replace(/^error: /, "error[usage]: "), argv)),
    })
    .showHelpAfterError("(run with --help for usage)");

  addCommonOptions(
    program
      .command("check")
      .description(
        "recompute the published table and report every cell (no DATASET: the embedded NIO 2021 dataset; several, or a folder of dataset folders: one report over all)",
      )
      .argument(
        "[datasets...]",
        "dataset folder (holds manifest.json), or a folder of dataset folders; several are checked in turn",
      ),
  )
    .addOption(
      new Option("--format <format>", "output format").choices(FORMATS).default("table").argParser(parseFormat),
    )
    .addOption(
      new Option("--fail-on <status>", "lowest status that makes the exit code 1 (none: never)")
        .choices(FAIL_ON)
        .default("mismatch")
        .argParser(parseFailOn),
    )
    .option(
      "--problems",
      "table, markdown, json, csv: list only findings that are not a match (json: counts still count every finding)",
    )
    .option("--no-recalculation", "skip recalculating energy and emissions from activity data and factors")
    .option("--no-implied", "skip the implied-factor analysis")
    .option("--no-boundary", "skip the boundary-completeness checks")
    .option("--no-denominators", "skip the denominator analysis")
    .option(
      "--no-acknowledged",
      "ignore the dataset's acknowledged findings (files.acknowledged, default acknowledged.csv)",
    )
    .option(
      "--output <file>",
      "write the report to FILE (atomically: a temporary file, then a rename) instead of stdout; never over an input of the dataset",
    )
    .option("--bom", "csv, corrected: start with a UTF-8 byte-order mark, so that Excel reads Chinese labels correctly")
    .option(
      "--marks",
      "corrected, corrected-markdown: each corrected cell also says what was printed (the CSV is then no longer clean to paste)",
    )
    .option("--quiet", "no progress line on stderr (there is none anyway when stderr is not a terminal)")
    .exitOverride()
    .action(async (datasets: string[], flags: CliFlags) => {
      code = isBatch(datasets)
        ? await runBatch(expandDatasets(datasets), flags, io)
        : await runCheck(datasets[0], flags, io);
    });

  addCommonOptions(
    program
      .command("explain")
      .description("the audit trail of one published cell: formula, inputs with file:line and interval, verdict")
      .argument("<metric>", "metric id (e.g. energy.intensity) or its label in any language"),
  )
    .option(
      "--column <column>",
      "column id (nanjing, hefei, manufacturing, offices, total for NIO) or its printed title; default: the metric's only published number, else the total",
    )
    .option("--dataset <dir>", "dataset folder (default: the embedded NIO 2021 dataset)")
    .addOption(new Option("--format <format>", "text or json").choices(["text", "json"]).default("text"))
    .exitOverride()
    .action(async (metric: string, flags: CliFlags & { column?: string; dataset?: string; format: string }) => {
      code = await runExplain(metric, flags, io);
    });

  addCommonOptions(
    program
      .command("acknowledge")
      .description(
        "record a finding as judged (acknowledged.csv of the dataset): check then shows it as acknowledged, not failing, until anything about it changes",
      )
      .argument("[metric]", "metric id or label (not with --claim)"),
  )
    .requiredOption("--dataset <dir>", "dataset folder (its acknowledged file is written)")
    .option("--column <column>", "column id or printed title")
    .option("--kind <kind>", "which finding of the cell: its own (default), recalculation, boundary or part-of")
    .option("--claim <id>", "a claim of the dataset's claims file instead of a cell")
    .requiredOption("--by <name>", "who judged it")
    .requiredOption("--reason <text>", "why the finding is accepted")
    .exitOverride()
    .action((metric: string | undefined, flags: CliFlags & AcknowledgeFlags) => {
      code = runAcknowledge(metric, flags, io);
    });

  program
    .command("init")
    .description(
      "write a new dataset folder: an example manifest, a published-table template in the report's layout, activity CSV headers",
    )
    .argument("<dir>", "a new or empty folder")
    .addOption(
      new Option("--lang <lang>", "language of the template's row labels")
        .choices(LANGS)
        .default("en")
        .argParser(parseLang),
    )
    .option(
      "--xlsx",
      "write the table template and the activity headers as one workbook (dataset.xlsx, one sheet each) instead of CSV files",
    )
    .option("--year <year>", "the reporting year the template is for (default: the current year)", (v: string) => {
      if (!/^(19|20)\d{2}$/.test(v)) throw new InvalidArgumentError("--year takes a four-digit year, e.g. 2025");
      return v;
    })
    .exitOverride()
    .action(async (dir: string, flags: { lang: CliFlags["lang"]; xlsx?: boolean; year?: string }) => {
      code = await runInit(dir, flags, io);
    });

  addCommonOptions(
    program
      .command("validate")
      .description(
        "check a dataset's files (manifest, published table, activity data, factor pins) without reconciling",
      )
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
    .addOption(
      new Option("--lang <lang>", "language of the table's headers and words and of the errors")
        .choices(LANGS)
        .default("en")
        .argParser(parseLang),
    )
    .option("--color", "colour even when not a terminal")
    .option("--no-color", "never colour")
    .exitOverride()
    .action(async (flags: FactorFilter & { factors?: string[]; format: string; color?: boolean; lang: Lang }) => {
      code = await runFactors(flags, io);
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version asked for are successful exits (exitCode 0); everything else commander rejects,
      // including a missing command, is bad usage. A pipeline that asked for JSON gets the error as JSON too.
      if (err.exitCode !== 0 && wantsJson(argv)) {
        // commander's words (with its suggestion, if any), each line in the language --lang names
        const body = err.message.replace(/^error: /, "");
        const language = languageOf(argv);
        io.stdout.write(
          errorsJson([{ code: "usage", message: language ? commanderInLanguage(body, language) : body }]),
        );
      }
      return err.exitCode === 0 ? EXIT.ok : EXIT.input;
    }
    // A bug of ours, not a finding: say so, never exit 1 (which means "the table has errors"). A pipeline that
    // asked for JSON still gets the documented error document, not an empty or half-written stdout.
    const language = languageOf(argv);
    const bug = (key: string, args: Record<string, string>) =>
      language ? formatMessage(language.texts, language.lang, message(key, args)) : null;
    const stack = (err as Error)?.stack ?? String(err);
    io.stderr.write(
      bug("error.internal.stderr", { stack }) ??
        `esg-recalc: internal error: ${stack}\nThis is a bug in esg-recalc; nothing was checked (exit 2).\n`,
    );
    if (wantsJson(argv))
      io.stdout.write(
        errorsJson(
          [
            {
              code: "internal-error",
              message: `internal error: ${(err as Error)?.message ?? String(err)}`,
              hint: "this is a bug in esg-recalc; please report it with the command line and the dataset",
              say: {
                message: message("error.internal", { why: (err as Error)?.message ?? String(err) }),
                hint: message("error.internal.hint"),
              },
            },
          ],
          language ?? undefined,
        ),
      );
    return EXIT.input;
  }
  return code;
}

/** The clock: the injected one, else SOURCE_DATE_EPOCH (seconds, as reproducible builds set it), else now. */
function today(io: Io): Date {
  if (io.now) return io.now();
  const epoch = io.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}

async function runInit(
  dir: string,
  flags: { lang: CliFlags["lang"]; xlsx?: boolean; year?: string },
  io: Io,
): Promise<number> {
  const [
    { workbookTemplate },
    { templateManifestText, writeNewDataset },
    { datasetTemplate, nextSteps, templateForYear, templateTables, yearNote },
  ] = await Promise.all([import("../render/templateXlsx.js"), import("../io/init.js"), import("../model/template.js")]);
  const errP = paint(colorLevel(io.stderr, io.env, undefined));
  const catalogue = loadCatalogue();
  if (!catalogue.ok) return reportErrors(catalogue.errors, io, errP, false);
  const library = loadLibrary(catalogue.value, []);
  if (!library.ok) return reportErrors(library.errors, io, errP, false);
  const year = flags.year ? Number(flags.year) : today(io).getUTCFullYear();
  const text = templateForYear(templateManifestText(), year);
  const manifest = Manifest.parse(JSON.parse(text));
  const files = flags.xlsx
    ? workbookTemplate(templateTables(catalogue.value, manifest, flags.lang), text)
    : datasetTemplate(catalogue.value, text, manifest, flags.lang);
  const ctx = context(flags);
  if (Array.isArray(ctx)) return reportErrors(ctx, io, errP, false);
  const written = writeNewDataset(dir, files);
  if (!written.ok) return reportErrors(written.errors, io, errP, false, ctx);
  const defaults = library.value.rules.defaults.grid;
  const gridId = defaults[String(year)];
  const grid = gridId ? library.value.factors.find((f) => f.id === gridId) : undefined;
  const note = yearNote(
    year,
    grid ? { id: grid.id, document: grid.document, ...(grid.date ? { date: grid.date } : {}) } : null,
    Object.keys(defaults).sort(),
  );
  const say = (m: MessageArg) => formatMessage(ctx.texts, ctx.lang, m);
  io.stdout.write(
    `${written.value.map((f) => say(message("phrase.init.wrote", { file: f }))).join("\n")}\n${say(nextSteps(dir, flags.xlsx === true, note))}`,
  );
  return EXIT.ok;
}

function runValidate(datasetDir: string | undefined, flags: CliFlags & { format: string }, io: Io): number {
  const errP = paint(colorLevel(io.stderr, io.env, flags.color));
  const json = flags.format === "json";
  const loaded = load(
    datasetDir,
    { ...flags, recalculation: false, implied: false, boundary: false, denominators: false },
    io.env,
    true,
  );
  if (!loaded.ok) {
    const language = context(flags);
    return reportErrors(loaded.errors, io, errP, json, Array.isArray(language) ? undefined : language);
  }
  const { dataset } = loaded.result;
  const ctx = context(flags);
  if (Array.isArray(ctx)) return reportErrors(ctx, io, errP, json);
  const leaves = [...dataset.tree.nodes.values()].filter((n) => n.children.length === 0).length;
  const summary = {
    schemaVersion: 1,
    tool: "esg-recalc",
    dataset: dataset.id,
    valid: true,
    nodes: dataset.tree.nodes.size,
    reportingUnits: leaves,
    periods: dataset.periods,
    columns: allColumns(dataset).length,
    publishedRows: publishedRows(dataset).length,
    activityRows: activityRows(dataset.activity),
    reader: dataset.activity.reader,
    denominators: dataset.denominators.map((d) => d.id),
  };
  io.stdout.write(
    json
      ? JSON.stringify(summary, null, 2) + "\n"
      : formatMessage(
          ctx.texts,
          ctx.lang,
          message("phrase.validate.valid", {
            id: dataset.id,
            nodes: String(summary.nodes),
            leaves: String(leaves),
            periods:
              summary.periods.length > 1
                ? message("phrase.validate.periods", { periods: summary.periods.join(", ") })
                : "",
            columns: String(summary.columns),
            rows: String(summary.publishedRows),
            activity: String(summary.activityRows),
            denominators: summary.denominators.join(", ") || message("phrase.validate.none"),
          }),
        ) + "\n",
  );
  return EXIT.ok;
}

async function runFactors(
  flags: FactorFilter & { factors?: string[]; format: string; color?: boolean; lang: Lang },
  io: Io,
): Promise<number> {
  const { filterFactors, renderFactorsJson, renderFactorsTable } = await import("../render/factors.js");
  const errP = paint(colorLevel(io.stderr, io.env, flags.color));
  const ctx = context(flags);
  if (Array.isArray(ctx)) return reportErrors(ctx, io, errP, flags.format === "json");
  const catalogue = loadCatalogue();
  const library = catalogue.ok ? loadLibrary(catalogue.value, flags.factors ?? []) : catalogue;
  if (!library.ok) return reportErrors(library.errors, io, errP, flags.format === "json", ctx);
  const factors = filterFactors(library.value.factors, flags);
  io.stdout.write(
    flags.format === "json"
      ? renderFactorsJson(factors)
      : renderFactorsTable(factors, paint(colorLevel(io.stdout, io.env, flags.color)), ctx),
  );
  return EXIT.ok;
}

/** Each value a choice of an option, written with its option (--format table, --format json): values, not words. */
const choices = (option: string, list: string) =>
  list
    .split(", ")
    .map((v) => `${option} ${v}`)
    .join(", ");

/** commander's complaints and their templates: the English wording commander prints, and the message it says. */
const COMMANDER_SAYS: [RegExp, string, (m: RegExpMatchArray) => Record<string, string>][] = [
  [/^unknown option '([^']*)'/, "error.usage.unknown-option", (m) => ({ option: m[1]! })],
  [/^missing required argument '([^']*)'/, "error.usage.missing-argument", (m) => ({ argument: m[1]! })],
  [/^required option '([^' ]*)[^']*' not specified/, "error.usage.missing-option", (m) => ({ option: m[1]! })],
  [/^unknown command '([^']*)'/, "error.usage.unknown-command", (m) => ({ command: m[1]! })],
  [/^too many arguments for '([^']*)'/, "error.usage.too-many", (m) => ({ command: m[1]! })],
  [/^option '([^' ]*)[^']*' argument missing/, "error.usage.option-value-missing", (m) => ({ option: m[1]! })],
  [
    /^option '([^' ]*)[^']*' argument '([^']*)' is invalid\. --year takes a four-digit year(?:, e\.g\. 2025)?$/,
    "error.usage.year",
    (m) => ({ option: m[1]!, found: m[2]! }),
  ],
  [
    /^option '([^' ]*)[^']*' argument '([^']*)' is invalid\. --materiality takes a share such as "5%" or "0\.05"$/,
    "error.usage.materiality",
    (m) => ({ option: m[1]!, found: m[2]! }),
  ],
  [
    /^option '([^' ]*)[^']*' argument '([^']*)' is invalid\. --materiality must be below 100%$/,
    "error.usage.materiality-below",
    (m) => ({ option: m[1]!, found: m[2]! }),
  ],
  [
    /^option '([^' ]*)[^']*' argument '([^']*)' is invalid\. --[a-z-]+ must be one of (.*)$/,
    "error.usage.option-choice",
    (m) => ({ option: m[1]!, found: m[2]!, names: choices(m[1]!, m[3]!) }),
  ],
  [
    /^option '([^' ]*)[^']*' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/,
    "error.usage.option-choice",
    (m) => ({ option: m[1]!, found: m[2]!, names: choices(m[1]!, m[3]!) }),
  ],
];

/**
 * commander's complaint in the language --lang names (when it names a valid one; English otherwise, as written):
 * a message it prints that has no template here stays English.
 */
function usageInLanguage(text: string, argv: string[]): string {
  const language = languageOf(argv);
  if (!language) return text;
  return text
    .split("\n")
    .map((line) => {
      const body = line.replace(/^error\[usage\]: /, "");
      return body === line
        ? commanderInLanguage(line, language)
        : `error[usage]: ${commanderInLanguage(body, language)}`;
    })
    .join("\n");
}

/** commander's lines (its complaint, its suggestion, its pointer to --help) in a language; a line it has no template for stays. */
function commanderInLanguage(text: string, language: ErrorLanguage): string {
  const say = (m: MessageArg) => formatMessage(language.texts, language.lang, m);
  return text
    .split("\n")
    .map((line) => {
      if (line === "(run with --help for usage)") return say(message("error.usage.run-help"));
      const suggestion = line.match(/^\(Did you mean (.*)\?\)$/);
      if (suggestion) return say(message("error.usage.did-you-mean", { names: suggestion[1]! }));
      const said = commanderSays(line);
      return said ? say(said) : line;
    })
    .join("\n");
}

/** commander's complaint (its first line, without "error: ") as a template, or undefined for one it has none for. */
function commanderSays(body: string): Message | undefined {
  for (const [re, key, args] of COMMANDER_SAYS) {
    const m = body.match(re);
    if (m) return message(key, args(m));
  }
  return undefined;
}

/**
 * The language --lang names on the command line, before commander has read it (its own complaints, a bug): only a
 * valid Chinese one; English (null) otherwise, as written.
 */
function languageOf(argv: string[]): ErrorLanguage | null {
  const i = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  const lang = i < 0 ? undefined : argv[i]!.startsWith("--lang=") ? argv[i]!.slice(7) : argv[i + 1];
  if (lang !== "zh-Hant" && lang !== "zh-Hans") return null;
  const texts = loadTexts();
  return texts.ok ? { lang, texts: texts.value } : null;
}

function wantsJson(argv: string[]): boolean {
  return argv.some((a, i) => a === "--format=json" || (a === "--format" && argv[i + 1] === "json"));
}

export function context(flags: { lang: CliFlags["lang"] }): RenderContext | InputError[] {
  const messages = loadMessages();
  const texts = loadTexts();
  if (!messages.ok || !texts.ok) return [...(messages.errors ?? []), ...(texts.errors ?? [])];
  return { lang: flags.lang, messages: messages.value[flags.lang], texts: texts.value };
}

/** `language`: the report's language, for the words of the text rendering (the JSON error document is English). */
function reportErrors(errors: InputError[], io: Io, p: Paint, json: boolean, language?: ErrorLanguage): number {
  io.stderr.write(renderErrors(errors, p, language));
  if (json) io.stdout.write(errorsJson(errors, language));
  return EXIT.input;
}

/**
 * Reader knobs from the environment (for tests and troubleshooting, not options a user needs):
 * ESG_RECALC_READER=reference reads every activity row through csv-parse, the slow path the fast one is tested
 * against; ESG_RECALC_THREADS=1 keeps one thread; ESG_RECALC_PARALLEL_MIN_BYTES moves the two-thread threshold.
 */
function readerOptions(env: NodeJS.ProcessEnv): LoadOptions {
  const from =
    env.ESG_RECALC_THREADS === "1"
      ? Infinity
      : env.ESG_RECALC_PARALLEL_MIN_BYTES
        ? Number(env.ESG_RECALC_PARALLEL_MIN_BYTES)
        : undefined;
  return {
    reader: env.ESG_RECALC_READER === "reference" ? "reference" : "fast",
    ...(from !== undefined ? { twoThreadsFrom: from } : {}),
  };
}

export function load(
  datasetDir: string | undefined,
  flags: CliFlags,
  env: NodeJS.ProcessEnv,
  allowBlankTable = false,
  onProgress?: ScanProgress,
): { ok: true; result: CheckResult } | { ok: false; errors: InputError[] } {
  const dataset = openDataset(datasetDir, flags.factors ?? [], {
    ...readerOptions(env),
    ...(onProgress ? { onProgress } : {}),
    ...(flags.acknowledged === false ? { acknowledged: false } : {}),
  });
  if (!dataset.ok) return { ok: false, errors: dataset.errors };
  const result = checkDataset(dataset.value, {
    ...(flags.revenue !== undefined ? { revenue: flags.revenue } : {}),
    ...(flags.denominator !== undefined ? { id: flags.denominator } : {}),
    ...(flags.materiality !== undefined ? { materiality: flags.materiality } : {}),
    groups: groupsOf(flags),
    allowBlankTable,
    ...(flags.acknowledged === false ? { acknowledged: false } : {}),
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
    return t(ctx, "progress.read")
      .replace("{rows}", rows.toLocaleString("en-US"))
      .replace("{files}", String(files))
      .replace("{seconds}", seconds.toFixed(2))
      .replace("{rate}", Math.round(rows / seconds).toLocaleString("en-US"));
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
    wrote: (file: string) =>
      show(`${summary ? `${summary} — ` : ""}${t(ctx, "progress.wrote").replace("{file}", file)}`, "\n"),
    clear: () => {
      if (on && shown) io.stderr.write(CLEAR);
      shown = false;
    },
  };
}

/** A path as CI systems want it: relative to the repository ($GITHUB_WORKSPACE, else the working directory), with /. */
export function repoPath(io: Pick<Io, "env">): (file: string) => string {
  const base = resolve(io.env.GITHUB_WORKSPACE || process.cwd());
  return (file: string) => {
    const abs = resolve(file);
    const rel = relative(base, abs);
    return (rel === "" || rel.startsWith("..") || isAbsolute(rel) ? abs : rel).split(sep).join("/");
  };
}

/** check DIR...: every dataset checked in turn, one report; exit 2 if any could not be checked, else 1 if any fails. */
/**
 * Worker threads for a batch of n datasets: from BATCH_PARALLEL_FROM datasets on, one per CPU (at most 4); below it
 * one. Measured with bench/batch.mjs on a 2-CPU machine (shared, so noisy): two workers were 0.54× the one-thread
 * speed for 10 small datasets, 0.83× for 100, 0.67× for 500 (each worker first loads every module: seconds on a busy
 * machine), 1.42× for 1,000 — the only size where they paid. ESG_RECALC_BATCH_THREADS=N overrides (1: never workers).
 */
export const BATCH_PARALLEL_FROM = 1000;
function batchThreads(env: NodeJS.ProcessEnv, n: number): number {
  const forced = Number(env.ESG_RECALC_BATCH_THREADS);
  if (env.ESG_RECALC_BATCH_THREADS && Number.isInteger(forced) && forced >= 1) return forced;
  return n >= BATCH_PARALLEL_FROM ? Math.max(1, Math.min(availableParallelism(), 4)) : 1;
}

/** The flags as a worker gets them: plain values only (a Decimal would lose its class on the way). */
function workerFlags(flags: CliFlags): WorkerSetup["flags"] {
  const { materiality, ...rest } = flags;
  return { ...rest, ...(materiality ? { materiality: materiality.toFixed() } : {}) };
}

async function runBatch(dirs: string[], flags: CliFlags, io: Io): Promise<number> {
  const errP = paint(colorLevel(io.stderr, io.env, flags.color));
  const json = flags.format === "json" || flags.format === "jsonl";
  const ctx = context(flags);
  if (Array.isArray(ctx)) return reportErrors(ctx, io, errP, json);
  const [{ BATCH_REPORTERS }, { batchVerdict }, { checkInWorkers }] = await Promise.all([
    import("../render/reporters.js"),
    import("../render/batch.js"),
    import("./batchPool.js"),
  ]);
  const reporter = BATCH_REPORTERS[flags.format];
  if (!reporter)
    return reportErrors(
      [
        {
          code: "usage",
          message: `--format ${flags.format} reports one dataset; over several datasets use ${Object.keys(BATCH_REPORTERS).join(", ")}`,
          say: {
            message: message("error.usage.format-batch", {
              format: flags.format,
              // each with its option, so that a format's name reads as the option value it is
              formats: Object.keys(BATCH_REPORTERS)
                .map((f) => `--format ${f}`)
                .join(", "),
            }),
          },
        },
      ],
      io,
      errP,
      json,
      ctx,
    );
  if (flags.bom && flags.format !== "csv")
    return reportErrors(
      [
        {
          code: "usage",
          message: `--bom applies to --format csv, not to --format ${flags.format}`,
          say: { message: message("error.usage.bom-batch", { format: flags.format }) },
        },
      ],
      io,
      errP,
      json,
      ctx,
    );
  if (flags.marks)
    return reportErrors(
      [
        {
          code: "usage",
          message: "--marks applies to --format corrected",
          say: { message: message("error.usage.marks-batch") },
        },
      ],
      io,
      errP,
      json,
      ctx,
    );
  if (flags.output !== undefined) {
    const target = checkOutputPath(
      flags.output,
      dirs.flatMap((d) => runInputs(d, flags.factors ?? [])),
    );
    if (!target.ok) return reportErrors(target.errors, io, errP, json, ctx);
  }
  const level =
    flags.output !== undefined
      ? colorLevel({ isTTY: false }, io.env, flags.color)
      : colorLevel(io.stdout, io.env, flags.color);
  const width = flags.output === undefined && io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : undefined;
  const options: ReportOptions = {
    failOn: flags.failOn,
    problemsOnly: flags.problems === true,
    paint: paint(level),
    toolVersion: toolVersion(),
    pathOf: repoPath(io),
    summaryFile: null,
    bom: flags.bom === true,
    ...(width ? { width } : {}),
  };
  const threads = batchThreads(io.env, dirs.length);
  // Each dataset checked and rendered to its fragment: here, or in worker threads (the same fragments, in order).
  const checked =
    threads > 1
      ? await checkInWorkers(dirs, threads, {
          flags: workerFlags(flags),
          env: io.env,
          colorLevel: level,
          ...(width ? { width } : {}),
        })
      : dirs.map((dir, i) => {
          const loaded = load(dir, flags, io.env);
          const entry: BatchEntry = loaded.ok
            ? { path: dir, result: loaded.result, errors: [] }
            : { path: dir, result: null, errors: loaded.errors };
          return { fragment: reporter.fragment(entry, i, ctx, options), errors: entry.errors };
        });
  // Each dataset that could not be checked: its errors on stderr, as a single check prints them.
  checked.forEach((c, i) => c.errors.length && io.stderr.write(`${dirs[i]}:\n${renderErrors(c.errors, errP, ctx)}`));
  const fragments = checked.map((c) => c.fragment);
  const text = reporter.assemble(fragments, ctx, options);
  if (flags.output !== undefined) {
    const written = writeFileAtomic(flags.output, text);
    if (!written.ok) return reportErrors(written.errors, io, errP, false);
  } else io.stdout.write(text);
  const verdict = batchVerdict(fragments.map((f) => f.verdict));
  return verdict === "error" ? EXIT.input : verdict === "fail" ? EXIT.findings : EXIT.ok;
}

async function runCheck(datasetDir: string | undefined, flags: CliFlags, io: Io): Promise<number> {
  const errP = paint(colorLevel(io.stderr, io.env, flags.color));
  const json = flags.format === "json";
  const ctx = context(flags);
  if (Array.isArray(ctx)) return reportErrors(ctx, io, errP, json);
  if (flags.bom && flags.format !== "csv" && flags.format !== "corrected")
    return reportErrors(
      [
        {
          code: "usage",
          message: `--bom applies to --format csv or corrected, not to --format ${flags.format}`,
          say: { message: message("error.usage.bom", { format: flags.format }) },
        },
      ],
      io,
      errP,
      json,
      ctx,
    );
  if (flags.marks && !flags.format.startsWith("corrected"))
    return reportErrors(
      [
        {
          code: "usage",
          message: `--marks applies to --format corrected or corrected-markdown, not to --format ${flags.format}`,
          say: { message: message("error.usage.marks", { format: flags.format }) },
        },
      ],
      io,
      errP,
      json,
      ctx,
    );
  // A workbook is binary: it goes to a file, never to a terminal or a pipe that expects text.
  if (BINARY_FORMATS.includes(flags.format) && flags.output === undefined)
    return reportErrors(
      [
        {
          code: "usage",
          message: `--format ${flags.format} writes a binary workbook: give --output FILE.${flags.format}`,
          say: { message: message("error.usage.binary", { format: flags.format }) },
        },
      ],
      io,
      errP,
      json,
      ctx,
    );
  // Refuse to overwrite an input before doing any work: the dataset's files, --factors files, the reference data.
  if (flags.output !== undefined) {
    const target = checkOutputPath(flags.output, runInputs(datasetDir ?? EMBEDDED_DATASET, flags.factors ?? []));
    if (!target.ok) return reportErrors(target.errors, io, errP, json, ctx);
  }
  const progress = progressLine(io, flags, ctx, datasetDir ?? displayPath(EMBEDDED_DATASET));
  progress.reading();
  const loaded = load(datasetDir, flags, io.env, false, progress.onScan);
  if (!loaded.ok) {
    progress.clear();
    return reportErrors(loaded.errors, io, errP, json, ctx);
  }
  const { result } = loaded;
  progress.read(result);
  // A file gets no colour unless asked for; stdout gets it on a terminal.
  const outP = paint(
    flags.output !== undefined
      ? colorLevel({ isTTY: false }, io.env, flags.color)
      : colorLevel(io.stdout, io.env, flags.color),
  );
  const summaryFile = flags.format === "github" && io.env.GITHUB_STEP_SUMMARY ? io.env.GITHUB_STEP_SUMMARY : null;
  // Tables are fitted to the terminal's width only when the report goes to a terminal; piped or written to a file,
  // its layout never depends on the window it was run in.
  const width = flags.output === undefined && io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : undefined;
  const options: ReportOptions = {
    failOn: flags.failOn,
    problemsOnly: flags.problems === true,
    paint: outP,
    toolVersion: toolVersion(),
    pathOf: repoPath(io),
    summaryFile,
    bom: flags.bom === true,
    marks: flags.marks === true,
    ...(datasetDir ? { datasetArg: datasetDir } : {}),
    ...(width ? { width } : {}),
  };
  const text = (await loadReporter(flags.format))(result, ctx, options);
  if (flags.output !== undefined) {
    const written = writeFileAtomic(flags.output, text);
    if (!written.ok) {
      progress.clear();
      return reportErrors(written.errors, io, errP, json, ctx);
    }
    progress.wrote(flags.output);
  } else {
    progress.clear();
    if (typeof text === "string") io.stdout.write(text); // a workbook always has --output (checked above)
  }
  // The corrected CSV stays clean to paste: what changed goes to stderr (the Markdown carries it under its table).
  if (flags.format === "corrected" && !flags.marks)
    io.stderr.write((await import("../render/corrected.js")).renderCorrectionList(result, ctx));
  // GitHub: the full list as Markdown for the job's summary page (appended: other steps write there too).
  if (summaryFile) {
    const { renderMarkdown } = await import("../render/markdown.js");
    const appended = appendToFile(summaryFile, renderMarkdown(result, ctx, { ...options, problemsOnly: true }) + "\n");
    if (!appended.ok) return reportErrors(appended.errors, io, errP, false, ctx);
  }
  return failed(result, flags.failOn) ? EXIT.findings : EXIT.ok;
}

interface AcknowledgeFlags {
  dataset: string;
  column?: string;
  kind?: string;
  claim?: string;
  by: string;
  reason: string;
}

/** A metric named by id or by one of its labels (when only one metric has it); else a usage error naming the closest. */
function resolveMetric(
  dataset: CheckResult["dataset"],
  metricArg: string,
  lang: CliFlags["lang"],
): CheckResult["dataset"]["catalogue"]["metrics"][number] | InputError {
  const byLabel = matchLabel(metricArg, dataset.catalogue.metrics, (m) => m.spellings, dataset.catalogue.radicals);
  const metric =
    dataset.catalogue.metrics.find((m) => m.id === metricArg) ?? (byLabel.length === 1 ? byLabel[0] : undefined);
  if (metric) return metric;
  const near = closest(metricArg, dataset.catalogue.metrics, (m) => m.id).map(
    (m) => `${m.id} (${label(m.labels, lang)})`,
  );
  return {
    code: "usage",
    message: `unknown metric "${metricArg}"`,
    hint: `did you mean ${near.join(", ")}?`,
    say: {
      message: message("error.usage.unknown-metric", { found: metricArg }),
      hint: message("error.did-you-mean", { names: near.join(", ") }),
    },
  };
}

/** Resolves a metric named by id or label, and a column by id, printed title or node label. */
function resolveCell(
  dataset: CheckResult["dataset"],
  metricArg: string,
  columnArg: string | undefined,
  lang: CliFlags["lang"],
): { metric: string; column: string } | InputError {
  const fold = (s: string) => foldLabel(s, dataset.catalogue.radicals);
  const metric = resolveMetric(dataset, metricArg, lang);
  if ("code" in metric) return metric;
  if (columnArg === undefined) {
    const numbers = publishedRow(dataset, metric.id)?.cells.filter((c) => c.value.kind === "number") ?? [];
    return { metric: metric.id, column: numbers.length === 1 ? numbers[0]!.column : dataset.tree.root };
  }
  const c =
    allColumns(dataset).find((x) => x.id === columnArg || fold(x.printed) === fold(columnArg)) ??
    allColumns(dataset).find((x) =>
      [...Object.values(dataset.tree.nodes.get(x.id)?.labels ?? {})].some((l) => fold(l) === fold(columnArg)),
    );
  if (!c)
    return {
      code: "usage",
      message: `unknown column "${columnArg}"`,
      expected: allColumns(dataset)
        .map((x) => x.id)
        .join(", "),
      say: {
        message: message("error.usage.unknown-column", { found: columnArg }),
        expected: message("error.list", {
          names: allColumns(dataset)
            .map((x) => x.id)
            .join(", "),
        }),
      },
    };
  return { metric: metric.id, column: c.id };
}

function runAcknowledge(metricArg: string | undefined, flags: CliFlags & AcknowledgeFlags, io: Io): number {
  const errP = paint(colorLevel(io.stderr, io.env, flags.color));
  const lang = context(flags);
  if (Array.isArray(lang)) return reportErrors(lang, io, errP, false);
  const usage = (text: string, hint: string | undefined, say: InputErrorSay) =>
    reportErrors([{ code: "usage", message: text, ...(hint ? { hint } : {}), say }], io, errP, false, lang);
  // a status as the report names it (English keeps the id, as the acknowledged file holds it)
  const statusName = (status: string) =>
    lang.lang === "en" ? status : (lang.messages[`status.${status}` as MessageKey] ?? status);
  const usageSaid = (text: string, key: string) =>
    reportErrors([{ code: "usage", message: text, say: { message: message(key) } }], io, errP, false, lang);
  if (flags.claim !== undefined && (metricArg !== undefined || flags.column !== undefined || flags.kind !== undefined))
    return usageSaid(
      "--claim names a claim: give no METRIC, --column or --kind with it",
      "error.usage.ack-claim-alone",
    );
  if (flags.claim === undefined && metricArg === undefined)
    return usageSaid("name the finding: METRIC [--column C] [--kind K], or --claim ID", "error.usage.ack-name");
  if (!flags.by.trim() || !flags.reason.trim())
    return usageSaid("--by and --reason must not be empty", "error.usage.ack-empty");
  if (resolve(flags.dataset) === resolve(EMBEDDED_DATASET))
    return usageSaid(
      "the embedded dataset is the tool's own data: acknowledge findings in a dataset folder of your own",
      "error.usage.ack-embedded",
    );
  // The judgement is recorded against the check as it runs now, without the acknowledgements already made.
  const loaded = load(flags.dataset, { ...flags, acknowledged: false }, io.env);
  if (!loaded.ok) return reportErrors(loaded.errors, io, errP, false, lang);
  const { result } = loaded;
  const { dataset } = result;
  const inForce = { denominator: result.denominator, materiality: result.plan?.materiality ?? null };
  let row: Record<AckColumn, string>;
  const when = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  if (flags.claim !== undefined) {
    const claim = result.claims.find((c) => c.entry.id === flags.claim);
    if (!claim)
      return usage(
        `unknown claim "${flags.claim}"`,
        result.claims.length
          ? `claims of ${dataset.id}: ${result.claims.map((c) => c.entry.id).join(", ")}`
          : `${dataset.id} has no claims file`,
        {
          message: message("error.usage.ack-claim-unknown", { id: flags.claim }),
          hint: result.claims.length
            ? message("error.usage.ack-claims", {
                dataset: dataset.id,
                ids: { items: result.claims.map((c) => c.entry.id), join: "phrase.join.comma" },
              })
            : message("error.usage.ack-no-claims", { dataset: dataset.id }),
        },
      );
    if (claim.verdict === "supported")
      return usage(`claim ${flags.claim} is supported by the data: there is nothing to acknowledge`, undefined, {
        message: message("error.usage.ack-claim-supported", { id: flags.claim }),
      });
    row = {
      metric: "",
      column: "",
      claim: claim.entry.id,
      kind: "claim",
      ...claimFingerprint(claim, inForce),
      reason: flags.reason.trim(),
      by: flags.by.trim(),
      at: when,
    };
  } else {
    const cell = resolveCell(dataset, metricArg!, flags.column, flags.lang);
    if ("code" in cell) return reportErrors([cell], io, errP, false, lang);
    const here = result.findings.filter((f) => f.metric === cell.metric && f.column === cell.column);
    const finding = flags.kind === undefined ? here.find(isCellFinding) : here.find((f) => f.kind === flags.kind);
    if (!finding)
      return usage(
        `no ${flags.kind ?? ""}${flags.kind ? " " : ""}finding for ${cell.metric} in column ${cell.column}`,
        here.length
          ? `its findings: ${here.map((f) => `${f.kind} (${f.status})`).join(", ")}`
          : "the table prints no figure there",
        {
          message: flags.kind
            ? message("error.usage.ack-no-finding.kind", {
                kind: flags.kind,
                metric: cell.metric,
                column: cell.column,
              })
            : message("error.usage.ack-no-finding", { metric: cell.metric, column: cell.column }),
          hint: here.length
            ? message("error.usage.ack-findings", {
                findings: {
                  items: here.map((f) =>
                    message("error.usage.ack-finding", { kind: f.kind, status: statusName(f.status) }),
                  ),
                  join: "phrase.join.comma",
                },
              })
            : message("error.usage.ack-no-figure"),
        },
      );
    if (finding.status === "match" || finding.status === "within-materiality")
      return usage(`${finding.key} is a ${finding.status}: there is nothing to acknowledge`, undefined, {
        message: message("error.usage.ack-nothing", { key: finding.key, status: statusName(finding.status) }),
      });
    row = {
      metric: finding.metric,
      column: finding.column,
      claim: "",
      kind: finding.kind,
      ...findingFingerprint(finding, inForce),
      reason: flags.reason.trim(),
      by: flags.by.trim(),
      at: when,
    };
  }
  const written = writeAcknowledgement(flags.dataset, dataset.acknowledgedName, row);
  if (!written.ok) return reportErrors(written.errors, io, errP, false, lang);
  const done = message(written.value.replaced ? "phrase.acknowledge.redone" : "phrase.acknowledge.done", {
    key: ackKey(row),
    status: statusName(row.status),
    file: written.value.file,
    line: String(written.value.line),
  });
  io.stdout.write(`${formatMessage(lang.texts, lang.lang, done)}\n`);
  return EXIT.ok;
}

async function runExplain(
  metricArg: string,
  flags: CliFlags & { column?: string; dataset?: string; format: string },
  io: Io,
): Promise<number> {
  const [{ recalculationJson, renderExplain, trailJson, verdictSentence }, { findingJson }] = await Promise.all([
    import("../render/explain.js"),
    import("../render/json.js"),
  ]);
  const errP = paint(colorLevel(io.stderr, io.env, flags.color));
  const json = flags.format === "json";
  const ctx = context(flags);
  if (Array.isArray(ctx)) return reportErrors(ctx, io, errP, json);
  const loaded = load(flags.dataset, flags, io.env);
  if (!loaded.ok) return reportErrors(loaded.errors, io, errP, json, ctx);
  const { result } = loaded;
  const { dataset } = result;
  const fold = (s: string) => foldLabel(s, dataset.catalogue.radicals);

  const metric = resolveMetric(dataset, metricArg, flags.lang);
  if ("code" in metric) return reportErrors([metric], io, errP, json, ctx);
  const row = publishedRow(dataset, metric.id);
  let column: string;
  if (flags.column !== undefined) {
    const c =
      allColumns(dataset).find((x) => x.id === flags.column || fold(x.printed) === fold(flags.column!)) ??
      allColumns(dataset).find((x) =>
        [...Object.values(dataset.tree.nodes.get(x.id)?.labels ?? {})].some((l) => fold(l) === fold(flags.column!)),
      );
    if (!c)
      return reportErrors(
        [
          {
            code: "usage",
            message: `unknown column "${flags.column}"`,
            expected: allColumns(dataset)
              .map((x) => x.id)
              .join(", "),
            say: {
              message: message("error.usage.unknown-column", { found: flags.column }),
              expected: message("error.list", {
                names: allColumns(dataset)
                  .map((x) => x.id)
                  .join(", "),
              }),
            },
          },
        ],
        io,
        errP,
        json,
        ctx,
      );
    column = c.id;
  } else {
    const numbers = row?.cells.filter((c) => c.value.kind === "number") ?? [];
    column = numbers.length === 1 ? numbers[0]!.column : dataset.tree.root;
  }
  const here = result.findings.filter((f) => f.metric === metric.id && f.column === column);
  const finding = here.find(isCellFinding) ?? null;
  const related = here.filter((f) => !isCellFinding(f));
  const recomputed =
    recomputedFor(
      columnById(dataset, column) ?? { id: column, printed: column, node: column, period: dataset.period.label },
      metric.id,
      result.tables,
    ) ?? null;
  const cell = row?.cells.find((c) => c.column === column);
  const target = { metric: metric.id, column, recomputed, finding, related, publishedText: cell ? cell.text : null };
  if (json) {
    io.stdout.write(
      JSON.stringify(
        {
          schemaVersion: 1,
          tool: "esg-recalc",
          dataset: dataset.id,
          metric: metric.id,
          column,
          finding: finding ? findingJson(finding, result, ctx) : null,
          verdict: finding ? verdictSentence(finding, ctx, result) : null,
          trail: recomputed ? trailJson(recomputed) : null,
          recalculations: related.map((f) => ({
            finding: findingJson(f, result, ctx),
            verdict: verdictSentence(f, ctx, result),
            ...(f.recalculation ? { recalculation: recalculationJson(f.recalculation) } : {}),
          })),
        },
        null,
        2,
      ) + "\n",
    );
  } else {
    io.stdout.write(renderExplain(target, result, ctx, paint(colorLevel(io.stdout, io.env, flags.color))));
  }
  return EXIT.ok;
}
