/*
 * The little XML writing the WXR export needs, by hand: no XML writer is installed, and text and
 * CDATA are all it writes.
 */

/** Characters XML 1.0 does not allow anywhere, even escaped (control characters but tab and line breaks, lone surrogates, U+FFFE/F). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as element content or an attribute value. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Text in a CDATA section, as WordPress writes its fields. A CDATA section cannot hold "]]>": the
 * text is split there into two sections, "]]" ending one and ">" starting the next.
 */
export function cdata(value: string): string {
  return `<![CDATA[${value.replace(NOT_XML, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** An element holding text, escaped. */
export function element(name: string, value: string | number): string {
  return `<${name}>${xmlText(String(value))}</${name}>`;
}

/** An element holding text in CDATA. */
export function cdataElement(name: string, value: string): string {
  return `<${name}>${cdata(value)}</${name}>`;
}
