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

/**
 * The text of a word that joins quoted and unquoted parts (`"Processes".*`,
 * lexer.ts joinedWordEnd): each quoted part without its quotes, unescaped,
 * and the unquoted parts unescaped, run together.
 */
export function joinedText(image: string): string {
  if (!image.includes('"')) return unescapeSpl(image);
  let out = '';
  let i = 0;
  while (i < image.length) {
    if (image[i] === '"') {
      let j = i + 1;
      while (j < image.length && image[j] !== '"') j += image[j] === '\\' ? 2 : 1;
      out += unescapeSpl(image.slice(i + 1, Math.min(j, image.length)));
      i = j + 1;
    } else {
      let j = i;
      while (j < image.length && image[j] !== '"') j += image[j] === '\\' ? 2 : 1;
      out += unescapeSpl(image.slice(i, Math.min(j, image.length)));
      i = j;
    }
  }
  return out;
}
