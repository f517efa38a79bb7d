// The report job page polls its status until the report is done or failed (templates/accounting/job.html).
// A file of its own, not inline: the Content-Security-Policy allows only our own static scripts.
// It stops when the server says the job will not finish by itself (not started: no worker; or
// stalled), and in any case after data-poll-seconds (issue 12, hole 8), saying so on the page.
(function () {
  var page = document.querySelector("[data-job-status-url]");
  if (!page) { return; }
  var url = page.getAttribute("data-job-status-url");
  var left = parseInt(page.getAttribute("data-poll-seconds"), 10) || 600;
  function show(id, text) {
    var element = document.getElementById(id);
    if (text) { element.textContent = text; }
    element.hidden = false;
  }
  function poll() {
    left -= 1;
    fetch(url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (data) {
      document.getElementById("job-progress").value = data.progress;
      document.getElementById("job-status").textContent = data.label + (data.error ? ": " + data.error : "");
      if (data.download) { show("job-download"); return; }
      if (data.notice) { show("job-notice", data.notice); return; }
      if (data.status === "failed") { return; }
      if (left > 0) { setTimeout(poll, 1000); } else { show("job-poll-stopped"); }
    }).catch(function () { show("job-poll-stopped"); });
  }
  setTimeout(poll, 1000);
})();
