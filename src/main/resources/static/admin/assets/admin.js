// The admin page's only script (CSP: default-src 'self'). A replay run's page follows the run's JSON every second
// until the run is finished; the erasure section lists cases and receipts from the erasure API.
(function () {
  'use strict';

  function getJson(url) {
    return fetch(url, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      });
  }

  function followRun(section) {
    var url = section.getAttribute('data-poll-url');
    function show(run) {
      section.querySelectorAll('[data-field]').forEach(function (element) {
        var value = run[element.getAttribute('data-field')];
        if (value !== undefined && value !== null) {
          element.textContent = String(value);
        }
      });
      var progress = section.querySelector('progress');
      if (progress) {
        progress.max = Math.max(run.total, 1);
        progress.value = run.replayed + run.skipped;
      }
      var finished = run.status === 'FINISHED';
      section.querySelectorAll('.when-finished').forEach(function (element) {
        element.hidden = !finished;
      });
      return finished;
    }
    function poll() {
      getJson(url).then(function (run) {
        if (!show(run)) {
          setTimeout(poll, 1000);
        }
      }).catch(function () {
        setTimeout(poll, 1000);
      });
    }
    poll();
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-poll-url]').forEach(followRun);
  });
})();
