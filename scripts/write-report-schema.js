#!/usr/bin/env node
// Writes schema/report.schema.json from the zod definition in src/schema/report.ts (run `npm run build` first).
// A test fails when the committed file and the zod definition drift apart.
import { writeFileSync } from "node:fs";
import { batchJsonSchema, batchLineJsonSchema, reportJsonSchema } from "../dist/schema/jsonSchema.js";

const target = new URL("../schema/report.schema.json", import.meta.url);
writeFileSync(target, JSON.stringify(reportJsonSchema(), null, 2) + "\n");
console.log("wrote schema/report.schema.json");
writeFileSync(new URL("../schema/batch.schema.json", import.meta.url), JSON.stringify(batchJsonSchema(), null, 2) + "\n");
writeFileSync(new URL("../schema/batch-line.schema.json", import.meta.url), JSON.stringify(batchLineJsonSchema(), null, 2) + "\n");
console.log("wrote schema/batch.schema.json, schema/batch-line.schema.json");
