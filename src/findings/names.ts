// Metrics and reporting units as the sentences about findings name them (findings/message.ts MessageName).
import { named, type MessageArg } from "./message.js";
import { metricById } from "../model/catalogue.js";
import type { Dataset } from "../model/types.js";

export const metricName = (dataset: Dataset, id: string): MessageArg =>
  named(id, metricById(dataset.catalogue, id)?.labels);
export const nodeName = (dataset: Dataset, id: string): MessageArg => named(id, dataset.tree.nodes.get(id)?.labels);
