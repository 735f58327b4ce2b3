import type { Reaction } from '@kino/shared/protocol';
import { h } from 'preact';
import { REACTION_IMAGES } from './reaction-images.generated';

/** A reaction drawn from the bundled Twemoji shapes: the same picture in every browser. */
export function ReactionImage(props: { emoji: Reaction; size: number; class?: string }) {
  const image = REACTION_IMAGES[props.emoji];
  return (
    <svg
      class={props.class}
      viewBox={image.viewBox}
      width={props.size}
      height={props.size}
      aria-hidden="true"
      focusable="false"
    >
      {image.shapes.map((shape, i) => h(shape.tag, { key: i, ...shape.attrs }))}
    </svg>
  );
}

/** Whether `text` is one of our reactions (chat history may hold anything the server sent). */
export function isReaction(text: string): text is Reaction {
  return text in REACTION_IMAGES;
}
