// The reporting tree: leaves are reporting units (facilities), inner nodes subtotals, the root the total.
import { failWith, message, ok, type InputError, type InputErrorSay, type Result } from "../findings/inputError.js";
import type { Labels, ReportingTree, TreeNode } from "./types.js";

export interface TreeEntry {
  id: string;
  parent?: string;
  labels: Labels;
  /** Where the entry was declared, for error messages (or how to work it out, when a message needs it). */
  at: TreeEntryAt | (() => TreeEntryAt);
}

type TreeEntryAt = { file: string; line?: number; column?: number; excerpt?: string };
const whereOf = (e: TreeEntry): TreeEntryAt => (typeof e.at === "function" ? e.at() : e.at);

export function buildTree(entries: readonly TreeEntry[]): Result<ReportingTree> {
  const errors: InputError[] = [];
  const err = (e: TreeEntry, text: string, hint: string | undefined, say: InputErrorSay) =>
    errors.push({ code: "tree-invalid", ...whereOf(e), message: text, ...(hint ? { hint } : {}), say });

  const nodes = new Map<string, TreeNode>();
  for (const e of entries) {
    if (nodes.has(e.id))
      err(e, `node "${e.id}" is declared twice`, undefined, { message: message("error.tree.twice", { id: e.id }) });
    else nodes.set(e.id, { id: e.id, parent: e.parent ?? null, children: [], labels: e.labels });
  }
  for (const e of entries) {
    if (e.parent === undefined) continue;
    if (!nodes.has(e.parent))
      err(
        e,
        `node "${e.id}" names parent "${e.parent}", which is not a node`,
        `declare "${e.parent}" in the tree or fix the parent`,
        {
          message: message("error.tree.parent-unknown", { id: e.id, parent: e.parent }),
          hint: message("error.tree.parent-unknown.hint", { parent: e.parent }),
        },
      );
    else if (e.parent === e.id)
      err(e, `node "${e.id}" is its own parent`, undefined, {
        message: message("error.tree.own-parent", { id: e.id }),
      });
    else nodes.get(e.parent)?.children.push(e.id);
  }
  const roots = entries.filter((e) => e.parent === undefined);
  const first = entries[0];
  if (roots.length === 0 && first)
    err(first, "the tree has no root (every node has a parent)", "the root is the total column: leave out its parent", {
      message: message("error.tree.no-root"),
      hint: message("error.tree.no-root.hint"),
    });
  // Point at the second root: the first is taken to be the total, the others are missing their parent.
  for (const extra of roots.slice(1)) {
    err(
      extra,
      `the tree has ${roots.length} roots (${roots.map((r) => r.id).join(", ")}); "${extra.id}" has no parent`,
      `exactly one node, the total, may have no parent; give "${extra.id}" one`,
      {
        message: message("error.tree.roots", {
          n: String(roots.length),
          roots: roots.map((r) => r.id).join(", "),
          id: extra.id,
        }),
        hint: message("error.tree.roots.hint", { id: extra.id }),
      },
    );
  }
  if (errors.length) return failWith(errors);
  const root = roots[0]!.id;

  // Post-order walk from the root; a node not reached sits on a cycle.
  const bottomUp: string[] = [];
  const visit = (id: string) => {
    for (const c of nodes.get(id)!.children) visit(c);
    bottomUp.push(id);
  };
  visit(root);
  if (bottomUp.length !== nodes.size) {
    const unreached = entries.filter((e) => !bottomUp.includes(e.id));
    for (const e of unreached.slice(0, 1))
      err(
        e,
        `nodes ${unreached.map((u) => `"${u.id}"`).join(", ")} form a cycle and never reach the root "${root}"`,
        undefined,
        {
          message: message("error.tree.cycle", {
            nodes: {
              items: unreached.map((u) => message("error.tree.quoted", { id: u.id })),
              join: "phrase.join.comma",
            },
            root,
          }),
        },
      );
    return failWith(errors);
  }
  return ok({ root, nodes, bottomUp });
}

/** Nodes as columns: an id, its parent (undefined for the root) and its labels each. */
export interface TreeColumns {
  ids: string[];
  parents: (string | undefined)[];
  labels: Labels[];
}

/** The children of every leaf built by buildTreeColumns: one array, never written (a tree of 200,000 sites). */
const NO_CHILDREN: string[] = Object.freeze([]) as unknown as string[];

/**
 * buildTree's tree for nodes given as columns, when they form one: the same nodes in the same order, the same
 * children and bottom-up order. Null when buildTree would report anything (a node twice, an unknown parent, a
 * node its own parent, not exactly one root, a cycle): the caller then builds the entries and calls buildTree for
 * the messages. Leaves share one empty children array; a node's parent is its parent node's id.
 */
export function buildTreeColumns({ ids, parents, labels }: TreeColumns): ReportingTree | null {
  const nodes = new Map<string, TreeNode>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (nodes.has(id)) return null;
    nodes.set(id, { id, parent: null, children: NO_CHILDREN, labels: labels[i]! });
  }
  let root: string | undefined;
  for (let i = 0; i < ids.length; i++) {
    const p = parents[i];
    if (p === undefined) {
      if (root !== undefined) return null;
      root = ids[i]!;
      continue;
    }
    const parent = nodes.get(p);
    if (!parent || p === ids[i]) return null;
    const node = nodes.get(ids[i]!)!;
    node.parent = parent.id;
    if (parent.children === NO_CHILDREN) parent.children = [node.id];
    else parent.children.push(node.id);
  }
  if (root === undefined) return null;
  const bottomUp: string[] = [];
  const visit = (id: string) => {
    for (const c of nodes.get(id)!.children) visit(c);
    bottomUp.push(id);
  };
  visit(root);
  return bottomUp.length === nodes.size ? { root, nodes, bottomUp } : null;
}

/** Reporting units (leaves) in the order the published table shows them. */
export function leafColumns(columns: readonly { id: string }[], tree: ReportingTree): string[] {
  return columns.map((c) => c.id).filter((id) => (tree.nodes.get(id)?.children.length ?? 1) === 0);
}

export const isLeaf = (tree: ReportingTree, id: string): boolean => (tree.nodes.get(id)?.children.length ?? 0) === 0;
