/**
 * Backslash escapes in SPL strings (search reference, "Quotes and escaping
 * characters"): `\\` → `\`, `\"` → `"`, `\|` → `|`; an unrecognised
 * sequence such as `\s` is kept as written.
 */
export function unescapeSpl(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length) {
      const d = body[i + 1];
      if (d === '\\' || d === '"' || d === '|') {
        out += d;
        i++;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** The inverse for printing: a string that unescapes back to `text`. */
export function escapeSpl(text: string): string {
  return text.replace(/[\\"]/g, (c) => '\\' + c);
}

/** Strips the quotes of a "quoted" or 'quoted' token image and unescapes the body. */
export function unquote(image: string): string {
  const q = image[0];
  const end = image.length > 1 && image[image.length - 1] === q ? image.length - 1 : image.length;
  return unescapeSpl(image.slice(1, end));
}
