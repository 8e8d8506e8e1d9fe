/* memolint HTML report: popovers on findings, severity filters, evidence links.
   The page works without this script (native tooltips, plain anchors); the
   script only adds interaction. Memo text is inserted with textContent only. */
(function () {
  "use strict";
  var source = document.getElementById("memolint-data");
  if (!source) { return; }
  var data = JSON.parse(source.textContent);
  var byReport = {};
  data.reports.forEach(function (report) { byReport[report.id] = report; });

  var popover = document.createElement("div");
  popover.className = "popover";
  popover.id = "memolint-popover";
  popover.setAttribute("role", "dialog");
  popover.hidden = true;
  document.body.appendChild(popover);
  var pinned = null;

  function reportOf(element) {
    var section = element.closest("[data-report]");
    return section ? byReport[section.getAttribute("data-report")] : null;
  }

  function add(parent, tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    parent.appendChild(node);
    return node;
  }

  function fill(mark) {
    var report = reportOf(mark);
    popover.textContent = "";
    if (!report) { return; }
    (mark.getAttribute("data-f") || "").split(" ").forEach(function (key) {
      var finding = report.findings[Number(key)];
      if (!finding) { return; }
      var item = add(popover, "div", "item");
      var head = add(item, "div");
      add(head, "span", "code sev-" + finding.severity, finding.code);
      add(head, "strong", "", finding.name);
      add(head, "span", "where", " · " + finding.where);
      add(item, "p", "message", finding.message);
      if (finding.suggestion) { add(item, "p", "suggestion", finding.suggestion); }
    });
  }

  function show(mark) {
    fill(mark);
    popover.hidden = false;
    var rect = mark.getBoundingClientRect();
    var width = Math.min(380, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(rect.left + window.scrollX,
      window.scrollX + document.documentElement.clientWidth - width - 8));
    popover.style.left = left + "px";
    popover.style.top = (rect.bottom + window.scrollY + 6) + "px";
  }

  function hide() {
    if (pinned) { pinned.classList.remove("active"); }
    pinned = null;
    popover.hidden = true;
  }

  function pin(mark) {
    if (pinned === mark) { hide(); return; }
    if (pinned) { pinned.classList.remove("active"); }
    pinned = mark;
    mark.classList.add("active");
    show(mark);
  }

  var marks = document.querySelectorAll("mark[data-f]");
  Array.prototype.forEach.call(marks, function (mark) {
    // The native tooltip is the fallback without script; with it, the popover replaces it.
    mark.removeAttribute("title");
    mark.setAttribute("tabindex", "0");
    mark.setAttribute("role", "button");
    mark.addEventListener("mouseenter", function () { if (!pinned) { show(mark); } });
    mark.addEventListener("mouseleave", function () { if (!pinned) { popover.hidden = true; } });
    mark.addEventListener("click", function (event) { event.stopPropagation(); pin(mark); });
    mark.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pin(mark); }
      if (event.key === "Escape") { hide(); }
    });
  });
  document.addEventListener("click", function (event) {
    if (!popover.contains(event.target)) { hide(); }
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { hide(); } });

  // Findings list: jump to the mark and open its popover.
  Array.prototype.forEach.call(document.querySelectorAll(".finding-list a[href^='#']"), function (link) {
    link.addEventListener("click", function (event) {
      var section = link.closest("[data-report]");
      var key = link.getAttribute("data-f");
      var target = key === null ? null : section.querySelector("mark[data-f~='" + key + "']");
      if (!target) { return; }
      event.preventDefault();
      event.stopPropagation();
      target.scrollIntoView({ block: "center" });
      history.replaceState(null, "", link.getAttribute("href"));
      if (pinned !== target) { pin(target); }
      target.focus({ preventScroll: true });
    });
  });

  // Scores: light up every evidence sentence of the chosen dimension.
  Array.prototype.forEach.call(document.querySelectorAll("[data-dimension]"), function (link) {
    link.addEventListener("click", function () {
      var section = link.closest("[data-report]");
      var name = link.getAttribute("data-dimension");
      Array.prototype.forEach.call(section.querySelectorAll(".ev"), function (span) {
        span.classList.toggle("ev-on", span.classList.contains("ev-" + name));
      });
    });
  });

  // Per memo: the findings count and a severity filter, built here.
  data.reports.forEach(function (report) {
    var section = document.querySelector("[data-report='" + report.id + "']");
    if (!section) { return; }
    var head = section.querySelector(".memo-head");
    var counts = { error: 0, warning: 0, info: 0 };
    report.findings.forEach(function (finding) { counts[finding.severity] += 1; });
    var total = report.findings.length;
    var summary = section.querySelector(".summary");
    if (summary) {
      summary.textContent = total + (total === 1 ? " finding" : " findings") +
        " · " + counts.error + " errors · " + counts.warning + " warnings · " + counts.info + " info";
      summary.setAttribute("data-findings", String(total));
    }
    if (!total || !head) { return; }
    var toolbar = add(head, "div", "toolbar");
    toolbar.setAttribute("role", "group");
    toolbar.setAttribute("aria-label", "Show findings by severity");
    ["error", "warning", "info"].forEach(function (severity) {
      if (!counts[severity]) { return; }
      var label = severity === "info" ? "info" : severity + "s";
      var button = add(toolbar, "button", "sev-" + severity, counts[severity] + " " + label);
      button.type = "button";
      button.setAttribute("aria-pressed", "true");
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") !== "true";
        button.setAttribute("aria-pressed", on ? "true" : "false");
        section.classList.toggle("hide-" + severity, !on);
        hide();
      });
    });
  });
  // A link to a finding (report.html#r0-f12) opens it.
  if (window.location.hash.length > 1) {
    var linked = document.getElementById(window.location.hash.slice(1));
    if (linked && linked.tagName === "MARK") { pin(linked); }
  }
  document.documentElement.setAttribute("data-memolint-ready", "true");
})();
