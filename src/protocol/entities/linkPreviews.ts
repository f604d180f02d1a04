import * as v from 'valibot';

/** Longest title a link preview keeps, in characters (longer ones are cut with an ellipsis). */
export const PREVIEW_TITLE_MAX = 200;
/** Longest description a link preview keeps, in characters. */
export const PREVIEW_DESCRIPTION_MAX = 500;
/** Longest site name a link preview keeps, in characters. */
export const PREVIEW_SITE_NAME_MAX = 100;

/**
 * The picture of a link preview, served by the chat host itself (`/previews/image/…`, signed), so
 * readers' browsers never contact the linked site.
 *
 * @example
 * const image: LinkPreviewImage = { url: '/previews/image/Xy…?u=…', width: 1200, height: 630 };
 */
export type LinkPreviewImage = v.InferOutput<typeof LinkPreviewImageSchema>;
export const LinkPreviewImageSchema = v.object({
  url: v.pipe(v.string(), v.maxLength(4096)),
  width: v.pipe(v.number(), v.integer(), v.minValue(1)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

/**
 * What the host found at the first http(s) link of a message (Open Graph, Twitter card, or the
 * page's title and description). Every field is plain text, to be rendered as text; `url` is the
 * link as it appears in the message.
 *
 * @example
 * const preview: LinkPreview = { url: 'https://example.com/', title: 'Example Domain', description: '', siteName: 'example.com' };
 */
export type LinkPreview = v.InferOutput<typeof LinkPreviewSchema>;
export const LinkPreviewSchema = v.object({
  url: v.pipe(v.string(), v.maxLength(2048)),
  title: v.pipe(v.string(), v.maxLength(PREVIEW_TITLE_MAX)),
  description: v.pipe(v.string(), v.maxLength(PREVIEW_DESCRIPTION_MAX)),
  siteName: v.pipe(v.string(), v.maxLength(PREVIEW_SITE_NAME_MAX)),
  image: v.optional(LinkPreviewImageSchema),
});
