/** Moved to test/support/tcp-cut.ts (the fault suites share it); kept so imports here still work. */
export { type TcpCut, tcpCut } from '../support/tcp-cut.ts';
