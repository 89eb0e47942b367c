/** A parsed XML element: its name, attributes, child elements and decoded text. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * A small XML 1.0 well-formedness check and parser: one root, matched and nested tags, quoted unique
 * attributes, no stray `<` or `&` in text, only the predefined and numeric entities. Throws on any breach.
 */
export function parseXml(xml: string): XmlElement {
  const entity = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
  const decode = (text: string) => {
    for (let i = text.indexOf('&'); i !== -1; i = text.indexOf('&', i + 1)) {
      entity.lastIndex = i;
      if (!entity.test(text)) throw new Error(`bare & at …${text.slice(i, i + 20)}`);
    }
    return text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  };
  let rest = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  const tag = /^<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/;
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const text = lt === -1 ? rest : rest.slice(0, lt);
    const current = stack.at(-1) as XmlElement;
    if (text.length > 0) {
      if (current === root && text.trim() !== '') throw new Error('text outside the root element');
      current.text += decode(text);
    }
    if (lt === -1) break;
    rest = rest.slice(lt);
    const match = tag.exec(rest);
    if (!match) throw new Error(`malformed tag at ${rest.slice(0, 40)}`);
    const [whole, closing, name = '', attributeText = '', selfClosing] = match;
    rest = rest.slice(whole.length);
    if (closing) {
      if (current.name !== name) throw new Error(`</${name}> closes <${current.name}>`);
      stack.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key = '', , doubleQuoted, singleQuoted] of attributeText.matchAll(
      /([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g,
    )) {
      if (key in attributes) throw new Error(`duplicate attribute ${key}`);
      attributes[key] = decode(doubleQuoted ?? singleQuoted ?? '');
    }
    if (current === root && root.children.length > 0) throw new Error('more than one root element');
    const element: XmlElement = { name, attributes, children: [], text: '' };
    current.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)?.name}>`);
  const [document] = root.children;
  if (!document) throw new Error('no root element');
  return document;
}

/** The first child element of that name. */
export const child = (element: XmlElement | undefined, name: string) =>
  element?.children.find((c) => c.name === name);
/** Every child element of that name. */
export const all = (element: XmlElement, name: string) => element.children.filter((c) => c.name === name);
