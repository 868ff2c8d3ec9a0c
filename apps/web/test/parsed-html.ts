import { parseFragment, type DefaultTreeAdapterMap } from "parse5";

/** What the server-rendered HTML tests read: the markup as the browser would parse it. */

type Node = DefaultTreeAdapterMap["childNode"];
export type Element = DefaultTreeAdapterMap["element"];

/** Every element of `html`, in document order. */
export function parse(html: string): Element[] {
  const all: Element[] = [];
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if ("tagName" in n) {
        all.push(n);
        walk(n.childNodes);
      }
    }
  };
  walk(parseFragment(html).childNodes);
  return all;
}

export const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
export const text = (el: Element): string => el.childNodes.map((c) => ("value" in c ? c.value : "tagName" in c ? text(c) : "")).join("");
export const byClass = (els: Element[], cls: string) => els.filter((e) => (attr(e, "class") ?? "").split(" ").includes(cls));
