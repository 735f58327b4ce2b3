import { render } from 'preact';
import { mountPopup } from '../../src/popup/mount';
import '../../src/popup/popup.css';

mountPopup((app) => render(app, document.getElementById('app')!));
