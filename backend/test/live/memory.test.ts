import { createMemoryLiveState, createMemoryLiveStore } from '../../src/live/memory.ts';
import { liveStoreContract } from './contract.ts';

let state = createMemoryLiveState();

liveStoreContract('memory', {
  async reset() {
    state = createMemoryLiveState();
  },
  async open() {
    return createMemoryLiveStore(state);
  },
  async cleanup() {},
});
