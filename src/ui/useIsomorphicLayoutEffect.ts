// One copy, in the hooks layer (the provider needs it too); the components import it from here.
export { useIsomorphicLayoutEffect } from '../react';
