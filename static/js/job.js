// The report job page polls its status until the report is done or failed (templates/accounting/job.html).
// A file of its own, not inline: the Content-Security-Policy allows only our own static scripts.
(function () {
  var page = document.querySelector("[data-job-status-url]");
  if (!page) { return; }
  var url = page.getAttribute("data-job-status-url");
  function poll() {
    fetch(url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (data) {
      document.getElementById("job-progress").value = data.progress;
      document.getElementById("job-status").textContent = data.label + (data.error ? ": " + data.error : "");
      if (data.download) { document.getElementById("job-download").hidden = false; return; }
      if (data.status !== "failed") { setTimeout(poll, 1000); }
    });
  }
  setTimeout(poll, 1000);
})();
