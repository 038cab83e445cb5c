// The console's entry point: the page table and the admin-token field. A new page is a module under views/
// exporting an async (page, params, query, signal) function, registered here with its hash route.

import { adminToken } from './api.js';
import { route, start } from './router.js';
import { fleetPage } from './views/fleet.js';
import { servicePage } from './views/service.js';
import { taskPage } from './views/task.js';
import { processPage } from './views/process.js';

route('/', fleetPage);
route('/services/:service', servicePage);
route('/tasks/:id', taskPage);
route('/processes/:id', processPage);

const tokenField = document.getElementById('admin-token');
tokenField.value = adminToken.get();
tokenField.addEventListener('input', () => adminToken.set(tokenField.value.trim()));
document.getElementById('token-form').addEventListener('submit', event => event.preventDefault());
document.getElementById('token-forget').addEventListener('click', () => {
  tokenField.value = '';
  adminToken.set('');
});

start(document.getElementById('view'));
