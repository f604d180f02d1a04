import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import type { Attachment } from 'confab-chat';
import { AttachmentPreview } from 'confab-chat/ui';
import { pngBlobUrl, svgBlobUrl, wavBlobUrl, withWorld } from './support';

const image: Attachment = { id: 'a_image', name: 'team-offsite.png', type: 'image/png', size: 182_044, url: pngBlobUrl('#1e8e3e', 640, 360, 'Team offsite'), width: 640, height: 360 };
const audio: Attachment = { id: 'a_audio', name: 'voice-note.wav', type: 'audio/wav', size: 8_044, url: wavBlobUrl() };
const file: Attachment = { id: 'a_file', name: 'Quarterly report – final (v3).pdf', type: 'application/pdf', size: 2_483_112, url: URL.createObjectURL(new Blob(['%PDF-1.7'], { type: 'application/pdf' })) };
const svg: Attachment = { id: 'a_svg', name: 'logo.svg', type: 'image/svg+xml', size: 412, url: svgBlobUrl() };
const svgInDisguise: Attachment = { id: 'a_svg2', name: 'logo.png', type: 'image/svg+xml', size: 412, url: svgBlobUrl() };
const unsafe: Attachment = { id: 'a_unsafe', name: 'invoice.html', type: 'text/html', size: 64, url: 'javascript:window.__confabPwned=1' };

/** Records a one-second WebM clip of an animated canvas in the page, so the player has a real video. */
function useRecordedVideo(): Attachment | null {
  const [video, setVideo] = useState<Attachment | null>(null);
  useEffect(() => {
    let cancelled = false;
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 180;
    const context = canvas.getContext('2d');
    const stream = canvas.captureStream(15);
    const recorder = new MediaRecorder(stream, { mimeType: 'video/webm' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    recorder.onstop = () => {
      if (cancelled) return;
      const blob = new Blob(chunks, { type: 'video/webm' });
      setVideo({ id: 'a_video', name: 'demo.webm', type: 'video/webm', size: blob.size, url: URL.createObjectURL(blob), width: 320, height: 180 });
    };
    let frame = 0;
    const timer = setInterval(() => {
      if (!context) return;
      context.fillStyle = `hsl(${(frame * 24) % 360} 60% 45%)`;
      context.fillRect(0, 0, 320, 180);
      context.fillStyle = '#fff';
      context.font = '600 28px system-ui, sans-serif';
      context.fillText(`Frame ${++frame}`, 90, 100);
    }, 66);
    recorder.start();
    const stop = setTimeout(() => recorder.stop(), 800);
    return () => {
      cancelled = true;
      clearInterval(timer);
      clearTimeout(stop);
      if (recorder.state !== 'inactive') recorder.stop();
      stream.getTracks().forEach((track) => track.stop());
    };
  }, []);
  return video;
}

function VideoPreview() {
  const video = useRecordedVideo();
  return video ? <AttachmentPreview attachment={video} /> : <p>Recording a short clip in the page…</p>;
}

const meta = {
  title: 'AttachmentPreview',
  component: AttachmentPreview,
  decorators: [withWorld({}), (Story) => <div style={{ maxWidth: 480 }}>{Story()}</div>],
  args: { attachment: image },
} satisfies Meta<typeof AttachmentPreview>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A picture; clicking it opens the lightbox. */
export const Image: Story = {};

/** The lightbox, opened. */
export const ImageLightbox: Story = {
  play: async ({ canvasElement }) => {
    canvasElement.querySelector<HTMLButtonElement>('.confab-attachment-image-button')?.click();
  },
};

/** The browser's own video player. */
export const Video: Story = { render: () => <VideoPreview /> };

/** The browser's own audio player. */
export const Audio: Story = { args: { attachment: audio } };

/** A file chip: name, size, type and a download link. */
export const File: Story = { args: { attachment: file } };

/** SVG is never shown inline (it can carry script): a file chip, also when its name claims PNG. */
export const SvgAsFile: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: 8 }}>
      <AttachmentPreview attachment={svg} />
      <AttachmentPreview attachment={svgInDisguise} />
    </div>
  ),
};

/** A link that is not http(s) or blob: a chip without a link. */
export const UnsafeUrl: Story = { args: { attachment: unsafe } };
