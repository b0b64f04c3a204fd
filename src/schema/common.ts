import { z } from "zod";

export const LANGS = ["en", "zh-Hant", "zh-Hans"] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;

/** Labels in the tool's languages; English is required so every report can fall back to it. */
export const Labels = z.strictObject({
  en: z.string().min(1),
  "zh-Hant": z.string().min(1).optional(),
  "zh-Hans": z.string().min(1).optional(),
});
export type Labels = z.infer<typeof Labels>;

export const Id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "lower-case id: letters, digits, '.', '_' or '-'");

/** A decimal written as text, never as a JSON number (JSON numbers become floats). */
export const DecimalText = z.string().regex(/^-?\d+(\.\d+)?$/, "a decimal as a string, e.g. \"100\" or \"0.5\"");

export function label(labels: Labels, lang: Lang): string {
  return labels[lang] ?? (lang === "zh-Hans" ? labels["zh-Hant"] : lang === "zh-Hant" ? labels["zh-Hans"] : undefined) ?? labels.en;
}

/** How a dataset prints numbers (manifest.json "numbers.format"): thousands separator and decimal mark. */
export const NUMBER_STYLES = ["1,234.5", "1.234,5", "1 234,5", "1 234.5", "1234.5"] as const;
export type NumberStyle = (typeof NUMBER_STYLES)[number];

/** What a published cell that prints no figure ("-", "—", "N/A", "不適用", blank) means ("numbers.markers"). */
export const CELL_MEANINGS = ["not-applicable", "zero", "not-reported"] as const;
export type CellMeaning = (typeof CELL_MEANINGS)[number];
