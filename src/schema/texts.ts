// The catalogue of the tool's sentences about findings (data/i18n/causes.json): every cause code with its title,
// and message templates by key, per language. A template names its values {like_this}; English is required, a
// language without a template for a key falls back to English.
import { z } from "zod";

const Lang3 = z.strictObject({ en: z.string().min(1), "zh-Hant": z.string().min(1).optional(), "zh-Hans": z.string().min(1).optional() });

export const TextsFile = z.strictObject({
  description: z.string().optional(),
  /** Every cause code a finding can carry, with what it means (README's list and the JSON schema's follow it). */
  causes: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.strictObject({ title: Lang3 })),
  /** Templates by key: "cause.<code>[.<variant>]" for a cause's sentence, "phrase.<name>" for a part of one, "error.<name>" for an input error's message, hint or expectation. */
  messages: z.record(z.string().regex(/^(cause|phrase|error)\.[a-z0-9.-]+$/), Lang3),
});
export type TextsFile = z.infer<typeof TextsFile>;
