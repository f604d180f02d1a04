/**
 * A short sound played with a notification. `play` must never throw (a page without audio, or
 * one whose audio is not allowed to start yet, stays silent).
 *
 * @example
 * const beep: NotificationSound = { play: () => void new Audio('/ding.mp3').play().catch(() => {}) };
 */
export interface NotificationSound {
  play(): void;
}

type AudioContextConstructor = new () => AudioContext;

function audioContextClass(): AudioContextConstructor | undefined {
  const scope = globalThis as { AudioContext?: AudioContextConstructor; webkitAudioContext?: AudioContextConstructor };
  return scope.AudioContext ?? scope.webkitAudioContext;
}

/**
 * A two-note chime made with WebAudio (no sound file to ship): two soft sine tones, a fifth
 * apart, 0.3 s in all. The audio context is made on the first play, not before.
 *
 * @example
 * const chime = createChimeSound();
 * chime.play();
 */
export function createChimeSound(): NotificationSound {
  let context: AudioContext | null = null;
  return {
    play() {
      try {
        const Context = audioContextClass();
        if (!Context) return;
        context ??= new Context();
        // A context made before any gesture starts suspended; a later gesture lets it resume.
        if (context.state === 'suspended') void context.resume().catch(() => {});
        const start = context.currentTime;
        for (const [offset, frequency] of [
          [0, 880],
          [0.12, 1320],
        ] as const) {
          const tone = context.createOscillator();
          const gain = context.createGain();
          tone.type = 'sine';
          tone.frequency.value = frequency;
          gain.gain.setValueAtTime(0.0001, start + offset);
          gain.gain.exponentialRampToValueAtTime(0.08, start + offset + 0.02);
          gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
          tone.connect(gain).connect(context.destination);
          tone.start(start + offset);
          tone.stop(start + offset + 0.2);
        }
      } catch {
        // No audio here: notifications stay silent.
      }
    },
  };
}
