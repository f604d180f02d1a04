// A room's timeline and its threads, as a store slice: the slice's shape, the reducers that fold
// messages and pending sends into it, the selectors that read it, and the checks a message must
// pass before it is sent.
export * from './slice';
export * from './reducers';
export * from './selectors';
export * from './messageById';
export * from './messageChecks';
