import { setup } from '../helpers';

/** A mute or ban long enough to outlast a test. */
export const TEN_MINUTES = 10 * 60 * 1000;

/** Ana (admin) and Bo, Chen (members) in the public room "general". */
export async function room() {
  const world = await setup();
  const ana = await world.person('ana');
  const bo = await world.person('bo');
  const chen = await world.person('chen');
  await world.server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'chen'] });
  return { ...world, ana, bo, chen };
}
