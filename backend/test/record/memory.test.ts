import { createMemoryRoomRecord } from '../../src/record/memory.ts';
import { roomRecordContract } from './contract.ts';

let record = createMemoryRoomRecord();

roomRecordContract('memory', {
  async fresh() {
    record = createMemoryRoomRecord();
    return record;
  },
  async touchedAt(roomId) {
    return record.state.touched.get(roomId);
  },
});
