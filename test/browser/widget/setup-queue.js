/* global window, Confab -- runs in the test page */
// Served with {{HOST}} and {{TOKEN}} filled in. Runs after the loader snippet and before the
// widget script: every call here is queued and replayed when the widget loads.
window.__confabEvents = [];
['ready', 'message', 'unread', 'open', 'close', 'error'].forEach(function (name) {
  Confab('on', name, function (payload) {
    window.__confabEvents.push({ name: name, payload: JSON.parse(JSON.stringify(payload)) });
  });
});
Confab('init', { server: '{{HOST}}', token: '{{TOKEN}}', room: 'support', title: 'Support' });
