import { createMemoryRoomRecord } from '../../src/record/memory.ts';
import { CONTRACT_MAX_REACTIONS, roomRecordContract } from './contract.ts';

let record = createMemoryRoomRecord();

roomRecordContract('memory', {
  async fresh() {
    record = createMemoryRoomRecord(undefined, { maxReactions: CONTRACT_MAX_REACTIONS });
    return record;
  },
  async touchedAt(roomId) {
    return record.state.touched.get(roomId);
  },
});
