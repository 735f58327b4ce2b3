import { setupBackground } from '../src/background/setup';

export default defineBackground(() => setupBackground());
