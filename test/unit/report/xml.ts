// A small, strict XML 1.0 well-formedness parser for the tests (no dependency): elements, attributes, text, the five
// predefined entities and character references, comments, CDATA and the XML declaration. Throws on anything else.

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly (XmlElement | string)[];
}

/** XML 1.0 §2.2 Char. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFD]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFD]/;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Parses a whole document; returns its root element or throws `not well-formed: … at offset N`. */
export function parseXml(text: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(
      `not well-formed: ${what} at offset ${i} (…${JSON.stringify(text.slice(Math.max(0, i - 30), i + 30))}…)`,
    );
  };
  for (const ch of text)
    if (!isXmlChar(ch.codePointAt(0)!))
      fail(`character U+${ch.codePointAt(0)!.toString(16).padStart(4, '0')} is not allowed in XML 1.0`);
  // Lone surrogates are not even code points: `for…of` yields them as single units, caught above as 0xD800–0xDFFF.

  const startsWith = (s: string) => text.startsWith(s, i);
  const skipSpace = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const name = (): string => {
    const start = i;
    if (!NAME_START.test(text[i] ?? '')) fail('a name expected');
    while (i < text.length && NAME_CHAR.test(text[i])) i++;
    return text.slice(start, i);
  };
  const reference = (): string => {
    const end = text.indexOf(';', i);
    if (end < 0) fail('unterminated reference');
    const ref = text.slice(i + 1, end);
    i = end + 1;
    if (ref.startsWith('#x')) {
      const cp = Number.parseInt(ref.slice(2), 16);
      if (!/^[0-9a-fA-F]+$/.test(ref.slice(2)) || !isXmlChar(cp)) fail(`bad character reference &${ref};`);
      return String.fromCodePoint(cp);
    }
    if (ref.startsWith('#')) {
      const cp = Number(ref.slice(1));
      if (!/^\d+$/.test(ref.slice(1)) || !isXmlChar(cp)) fail(`bad character reference &${ref};`);
      return String.fromCodePoint(cp);
    }
    const v = PREDEFINED[ref];
    if (v === undefined) fail(`undefined entity &${ref};`);
    return v;
  };
  const misc = () => {
    for (;;) {
      skipSpace();
      if (startsWith('<!--')) {
        const end = text.indexOf('-->', i + 4);
        if (end < 0) fail('unterminated comment');
        if (text.slice(i + 4, end).includes('--')) fail('"--" inside a comment');
        i = end + 3;
      } else if (startsWith('<?') && !startsWith('<?xml ')) {
        const end = text.indexOf('?>', i);
        if (end < 0) fail('unterminated processing instruction');
        i = end + 2;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (!startsWith('<')) fail('"<" expected');
    i++;
    const tag = name();
    const attrs: Record<string, string> = {};
    for (;;) {
      const hadSpace = ' \t\r\n'.includes(text[i] ?? '');
      skipSpace();
      if (startsWith('/>')) {
        i += 2;
        return { name: tag, attrs, children: [] };
      }
      if (startsWith('>')) {
        i++;
        break;
      }
      if (!hadSpace) fail('space expected between attributes');
      const key = name();
      if (Object.hasOwn(attrs, key)) fail(`duplicate attribute ${key}`);
      skipSpace();
      if (!startsWith('=')) fail('"=" expected');
      i++;
      skipSpace();
      const quote = text[i];
      if (quote !== '"' && quote !== "'") fail('a quoted attribute value expected');
      i++;
      let value = '';
      while (text[i] !== quote) {
        if (i >= text.length) fail('unterminated attribute value');
        if (text[i] === '<') fail('"<" in an attribute value');
        if (text[i] === '&') value += reference();
        else value += text[i++];
      }
      i++;
      attrs[key] = value;
    }
    const children: (XmlElement | string)[] = [];
    let buffer = '';
    const flush = () => {
      if (buffer) children.push(buffer);
      buffer = '';
    };
    for (;;) {
      if (i >= text.length) fail(`<${tag}> is not closed`);
      if (startsWith('</')) {
        i += 2;
        const closing = name();
        if (closing !== tag) fail(`</${closing}> closes <${tag}>`);
        skipSpace();
        if (!startsWith('>')) fail('">" expected');
        i++;
        flush();
        return { name: tag, attrs, children };
      }
      if (startsWith('<![CDATA[')) {
        const end = text.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        buffer += text.slice(i + 9, end);
        i = end + 3;
      } else if (startsWith('<!--') || startsWith('<?')) {
        misc();
      } else if (startsWith('<')) {
        flush();
        children.push(element());
      } else if (startsWith('&')) {
        buffer += reference();
      } else if (startsWith(']]>')) {
        fail('"]]>" in text');
      } else buffer += text[i++];
    }
  };

  if (startsWith('<?xml ')) {
    const end = text.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    i = end + 2;
  }
  misc();
  const root = element();
  misc();
  if (i !== text.length) fail('content after the root element');
  return root;
}

/** Every element named `name` under (and including) `root`, in document order. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name) out.push(e);
    for (const c of e.children) if (typeof c !== 'string') walk(c);
  };
  walk(root);
  return out;
}

/** The text content of an element (its own and its descendants'). */
export function textOf(e: XmlElement): string {
  return e.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
