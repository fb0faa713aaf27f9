// The admin page's only script (CSP: default-src 'self'). A replay run's page follows the run's JSON every second
// until the run is finished; the erasure section lists cases and shows receipts from the erasure API; the consent
// section records a decision told by phone and lists the changes staff must make in Gecko; the access section
// requests a person's report and lists the cases with links to their reports.
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

  // Table cells are set as text, never as markup: whatever the API answers cannot become script.
  function row(values) {
    var tr = document.createElement('tr');
    values.forEach(function (value) {
      var td = document.createElement('td');
      if (value instanceof Node) {
        td.appendChild(value);
      } else {
        td.textContent = value === null || value === undefined ? '' : String(value);
      }
      tr.appendChild(td);
    });
    return tr;
  }

  // JSON, so no CSRF token is needed (a cross-site form cannot send it); a refusal names the fields only.
  function postJson(url, body) {
    return fetch(url, {method: 'POST', credentials: 'same-origin',
      headers: {'Accept': 'application/json', 'Content-Type': 'application/json'}, body: JSON.stringify(body)})
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (answer) {
          if (!response.ok) {
            var fields = (answer.errors || []).map(function (error) { return error.field + ' ' + error.message; });
            throw new Error((fields.join('; ') || answer.detail || 'HTTP ' + response.status));
          }
          return answer;
        });
      });
  }

  // The person a form names: the Gecko customer id and/or the e-mail address typed in.
  function person(form, body) {
    ['geckoCustomerId', 'email'].forEach(function (name) {
      var value = form.elements[name].value.trim();
      if (value) {
        body[name] = value;
      }
    });
    return body;
  }

  function notice(result, problem) {
    return function (element, text) {
      result.hidden = true;
      problem.hidden = true;
      element.textContent = text;
      element.hidden = false;
    };
  }

  function utc(instant) {
    return instant ? String(instant).replace('T', ' ').replace(/\.\d+/, '').replace('Z', '') : '';
  }

  function fill(table, rows) {
    var body = table.querySelector('tbody');
    body.replaceChildren.apply(body, rows);
  }

  function erasures(section) {
    var base = section.getAttribute('data-erasures-url');
    var status = section.querySelector('#erasure-status');
    var problem = section.querySelector('#erasures-problem');
    var receipt = section.querySelector('#erasure-receipt');

    function failed(what, outcome) {
      return function (error) {
        problem.textContent = what + ' ' + (outcome || 'could not be read') + ' (' + error.message + ').';
        problem.hidden = false;
      };
    }

    function showReceipt(id) {
      getJson(base + '/' + encodeURIComponent(id)).then(function (caseReceipt) {
        receipt.querySelector('#receipt-id').textContent = caseReceipt.id;
        receipt.querySelector('#receipt-status').textContent = caseReceipt.status;
        receipt.querySelector('#receipt-completed').textContent = utc(caseReceipt.completedAt) || 'not yet';
        var verification = receipt.querySelector('#receipt-verification');
        verification.textContent = caseReceipt.verification ? 'Verification: ' + caseReceipt.verification : '';
        verification.hidden = !caseReceipt.verification;
        receipt.querySelector('#receipt-approval').hidden = caseReceipt.status !== 'AWAITING_APPROVAL';
        receipt.setAttribute('data-case', caseReceipt.id);
        fill(receipt.querySelector('#receipt-tasks'), (caseReceipt.tasks || []).map(function (task) {
          var tr = row([task.target, task.scope, task.status, task.attempts, task.externalReference,
            task.outcome, utc(task.doneAt)]);
          tr.setAttribute('data-target', task.target);
          return tr;
        }));
        fill(receipt.querySelector('#receipt-kept'), (caseReceipt.kept || []).map(function (kept) {
          return row([kept.item, kept.system, kept.reason, kept.retention]);
        }));
        receipt.hidden = false;
      }).catch(failed('The receipt'));
    }

    function list() {
      var url = base + (status.value ? '?status=' + encodeURIComponent(status.value) : '');
      getJson(url).then(function (cases) {
        problem.hidden = true;
        fill(section.querySelector('#erasure-cases'), cases.map(function (erasure) {
          var link = document.createElement('a');
          link.href = '#' + erasure.id;
          link.textContent = erasure.id;
          link.addEventListener('click', function (event) {
            event.preventDefault();
            showReceipt(erasure.id);
          });
          var tr = row([link, erasure.subjectRef, erasure.status, erasure.trigger, erasure.reason,
            erasure.requestedBy, utc(erasure.requestedAt), utc(erasure.deadline)]);
          tr.setAttribute('data-case', erasure.id);
          return tr;
        }));
      }).catch(failed('The erasure cases'));
    }

    // JSON, so no CSRF token is needed (a cross-site form cannot send it); a viewer gets 403, shown as a problem.
    function approve() {
      var id = receipt.getAttribute('data-case');
      if (!window.confirm('Approve erasure case ' + id + '? Its data is then deleted in every system.')) {
        return;
      }
      fetch(base + '/' + encodeURIComponent(id) + '/approve', {method: 'POST', credentials: 'same-origin',
        headers: {'Accept': 'application/json', 'Content-Type': 'application/json'}, body: '{}'})
        .then(function (response) {
          if (!response.ok) {
            throw new Error('HTTP ' + response.status);
          }
          problem.hidden = true;
          showReceipt(id);
          list();
        }).catch(failed('The approval', 'was refused'));
    }

    receipt.querySelector('#receipt-approve').addEventListener('click', approve);
    status.addEventListener('change', list);
    list();
  }

  function staffTasks(section) {
    getJson(section.getAttribute('data-staff-tasks-url')).then(function (tasks) {
      fill(section.querySelector('#staff-task-list'), tasks.map(function (task) {
        var tr = row([task.geckoCustomerId, task.kind, task.detail, utc(task.createdAt)]);
        tr.setAttribute('data-customer', task.geckoCustomerId);
        return tr;
      }));
    });
  }

  // A decision told by phone: confirmed, then sent as JSON (no CSRF token needed); a refusal names the fields only.
  function consentDecision(section) {
    var form = section.querySelector('#consent-form');
    var result = section.querySelector('#consent-result');
    var problem = section.querySelector('#consent-problem');
    var show = notice(result, problem);

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var purposes = Array.prototype.map.call(form.querySelectorAll('input[name=purposes]:checked'),
        function (box) { return box.value; });
      var decision = form.querySelector('input[name=decision]:checked').value;
      var body = person(form, {purposes: purposes, decision: decision});
      var who = body.geckoCustomerId ? 'customer ' + body.geckoCustomerId : 'the person with this e-mail address';
      if (!window.confirm('Record: ' + decision + ' ' + (purposes.join(', ').toLowerCase() || 'nothing') + ' for '
          + who + '? The hub carries it out in every system at once.')) {
        return;
      }
      postJson(section.getAttribute('data-consent-url'), body)
        .then(function (answer) {
          show(result, 'Recorded: ' + answer.decision + ' ' + answer.purposes.join(', ').toLowerCase()
            + ' (event ' + answer.eventId + ').');
          form.reset();
          document.querySelectorAll('[data-staff-tasks-url]').forEach(function (tasks) {
            setTimeout(function () { staffTasks(tasks); }, 1000);
          });
        })
        .catch(function (error) {
          show(problem, 'Not recorded: ' + error.message + '.');
        });
    });
  }

  // Access requests: confirmed, then sent; the list follows open cases until their reports are ready.
  function accessRequests(section) {
    var base = section.getAttribute('data-access-url');
    var form = section.querySelector('#access-form');
    var show = notice(section.querySelector('#access-result'), section.querySelector('#access-problem'));

    function links(accessCase) {
      var span = document.createElement('span');
      if (!accessCase.reportAvailable) {
        span.textContent = accessCase.status === 'OPEN' ? 'being made' : 'deleted';
        return span;
      }
      ['html', 'pdf'].forEach(function (kind) {
        ['da', 'en'].forEach(function (lang) {
          var link = document.createElement('a');
          link.href = base + '/' + encodeURIComponent(accessCase.id) + '/report.' + kind + '?lang=' + lang;
          link.textContent = kind.toUpperCase() + ' ' + lang;
          link.className = 'report-' + kind + '-' + lang;
          span.appendChild(link);
          span.appendChild(document.createTextNode(' '));
        });
      });
      return span;
    }

    function list() {
      getJson(base).then(function (cases) {
        fill(section.querySelector('#access-cases'), cases.map(function (accessCase) {
          var systems = (accessCase.tasks || []).map(function (task) { return task.target + ' ' + task.status; });
          var tr = row([accessCase.id, accessCase.status + (accessCase.reason ? ': ' + accessCase.reason : ''),
            systems.join(', '), accessCase.requestedBy, utc(accessCase.requestedAt), utc(accessCase.deadline),
            links(accessCase)]);
          tr.setAttribute('data-case', accessCase.id);
          tr.setAttribute('data-status', accessCase.status);
          return tr;
        }));
        if (cases.some(function (accessCase) { return accessCase.status === 'OPEN'; })) {
          setTimeout(list, 1000);
        }
      }).catch(function (error) {
        show(section.querySelector('#access-problem'), 'The access cases could not be read (' + error.message + ').');
      });
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var body = person(form, {});
      var who = body.geckoCustomerId ? 'customer ' + body.geckoCustomerId : 'the person with this e-mail address';
      if (!window.confirm('Request an access report for ' + who + '? The hub asks Gecko and Mailchimp now.')) {
        return;
      }
      postJson(base, body).then(function (answer) {
        show(section.querySelector('#access-result'), 'Requested: case ' + answer.caseId + '.');
        form.reset();
        list();
      }).catch(function (error) {
        show(section.querySelector('#access-problem'), 'Not requested: ' + error.message + '.');
      });
    });
    list();
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-access-url]').forEach(accessRequests);
    document.querySelectorAll('[data-poll-url]').forEach(followRun);
    document.querySelectorAll('[data-erasures-url]').forEach(erasures);
    document.querySelectorAll('[data-staff-tasks-url]').forEach(staffTasks);
    document.querySelectorAll('[data-consent-url]').forEach(consentDecision);
  });
})();
