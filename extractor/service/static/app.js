// jixiao operator page: upload or paste → live status → forms as tables with findings on their
// cells → correct a cell and re-validate → download the exports.
//
// Every piece of document text reaches the page through textContent or setAttribute, never
// innerHTML, so a report that contains "<script>" shows it as text.
"use strict";

const state = { token: localStorage.getItem("jixiao-token") || "", report: null, pollTimer: null, offset: 0, limit: 15 };
const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };
const SEVERITY_LABEL = { error: "错误 error", warning: "警告 warning", info: "提示 info" };
const STATUS_LABEL = { queued: "排队中 queued", processing: "处理中 processing", done: "完成 done", failed: "失败 failed" };

// -- small helpers ------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function $(selector) { return document.querySelector(selector); }

function toast(message) {
  const box = $("#toast");
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 4000);
}

class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || "request failed");
    this.problem = problem;
  }
}

function problemText(error) {
  const p = error.problem || {};
  return [p.detail || error.message, p.hint].filter(Boolean).join(" — ");
}

async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  if (state.token) headers.set("Authorization", `Bearer ${state.token}`);
  const response = await fetch(path, { ...options, headers });
  if (response.status === 401) $("#token-form").hidden = false;
  if (!response.ok) {
    let problem;
    try { problem = await response.json(); } catch { problem = { detail: `${response.status} ${response.statusText}` }; }
    throw new ApiError(problem);
  }
  return response;
}

function valueText(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return value.text || [value.operator, value.value, value.unit].filter(Boolean).join("");
  return String(value);
}

function cellKey(gridId, row, col) { return `${gridId}:${row}:${col}`; }

function fieldAt(form, path) {
  // the traced value at a findings-style path (indicators[4].score, funds[total].rate)
  let node = form;
  for (const step of path.match(/[A-Za-z_][A-Za-z0-9_]*|\[[^\]]+\]/g) || []) {
    if (node === null || node === undefined) return null;
    if (step.startsWith("[")) {
      const key = step.slice(1, -1);
      if (!Array.isArray(node)) return null;
      node = /^\d+$/.test(key) ? node[Number(key)] : byRole(node, key);
    } else {
      node = node[step];
    }
  }
  return node && typeof node === "object" && "value" in node ? node : null;
}

function byRole(items, key) {
  const [role, nth] = key.split("#");
  const matches = items.filter((x) => x && x.role === role);
  return matches[nth === undefined ? 0 : Number(nth)];
}

// -- submitting ---------------------------------------------------------------------------

async function submit(body, headers) {
  const error = $("#submit-error");
  error.hidden = true;
  try {
    const response = await api("/api/reports", { method: "POST", body, headers });
    const report = await response.json();
    if (!report.created) toast("相同内容已提交过，显示已有报告 — same content as an earlier report");
    location.hash = `#/reports/${report.id}`;
    loadList();
  } catch (e) {
    error.textContent = problemText(e);
    error.hidden = false;
  }
}

function setupForms() {
  $("#upload-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const file = $("#file-input").files[0];
    if (!file) { toast("请选择文件 — choose a file first"); return; }
    const data = new FormData();
    data.append("file", file, file.name);
    submit(data, {});
  });
  $("#paste-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("#paste-text").value;
    submit(JSON.stringify({ text }), { "Content-Type": "application/json" });
  });
  $("#token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    state.token = $("#token-input").value.trim();
    localStorage.setItem("jixiao-token", state.token);
    $("#token-form").hidden = true;
    loadList();
    route();
  });
  $("#prev-page").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); loadList(); });
  $("#next-page").addEventListener("click", () => { state.offset += state.limit; loadList(); });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") closePanel(); });
}

// -- the list of reports ------------------------------------------------------------------

async function loadList() {
  try {
    const page = await (await api(`/api/reports?limit=${state.limit}&offset=${state.offset}`)).json();
    const list = $("#report-list");
    list.replaceChildren(...page.items.map((r) => el("li", { class: `status-${r.status}` },
      el("a", { href: `#/reports/${r.id}` }, r.filename),
      el("span", { class: "badge" }, STATUS_LABEL[r.status] || r.status))));
    const last = Math.min(page.total, page.offset + page.items.length);
    $("#page-label").textContent = page.total ? `${page.offset + 1}–${last} / ${page.total}` : "—";
    $("#prev-page").disabled = page.offset === 0;
    $("#next-page").disabled = page.next_offset === null;
  } catch (e) {
    $("#report-list").replaceChildren(el("li", { class: "problem" }, problemText(e)));
  }
}

// -- one report ---------------------------------------------------------------------------

function route() {
  clearTimeout(state.pollTimer);
  closePanel();
  const match = location.hash.match(/^#\/reports\/([0-9a-f]+)$/);
  if (match) loadReport(match[1]);
}

async function loadReport(id) {
  clearTimeout(state.pollTimer);
  let report;
  try {
    report = await (await api(`/api/reports/${id}`)).json();
  } catch (e) {
    $("#report").replaceChildren(el("p", { class: "problem" }, problemText(e)));
    return;
  }
  if (location.hash !== `#/reports/${id}`) return;
  const wasPending = state.report && state.report.id === id && state.report.status !== report.status;
  state.report = report;
  renderReport(report);
  if (report.status === "queued" || report.status === "processing") {
    state.pollTimer = setTimeout(() => loadReport(id), 700);
  } else if (wasPending) {
    loadList();
  }
}

function renderReport(report) {
  const head = el("div", { class: "report-head" },
    el("h2", {}, report.filename),
    el("span", { id: "report-status", class: `badge status-${report.status}`, dataset: { status: report.status } },
      STATUS_LABEL[report.status] || report.status));
  const parts = [head];
  if (report.status === "failed") {
    parts.push(el("p", { class: "problem", id: "report-reason" }, report.reason || "failed"),
      el("button", { type: "button", id: "retry-button", onclick: () => retry(report.id) }, "重试 Retry"));
  }
  if (report.status === "queued" || report.status === "processing") {
    parts.push(el("p", { class: "hint" }, "正在处理，页面会自动更新 — processing; this page updates by itself"));
  }
  if (report.status === "done") parts.push(...renderDone(report));
  $("#report").replaceChildren(...parts);
}

function renderDone(report) {
  const counts = report.counts;
  const downloads = el("div", { class: "downloads" },
    ...["xlsx", "csv", "json"].map((fmt) => el("button", {
      type: "button", id: `download-${fmt}`, onclick: () => download(report.id, fmt),
    }, `下载 ${fmt.toUpperCase()}`)));
  const summary = el("p", { class: "summary" },
    `${counts.forms} 张表 forms · ${counts.errors} 错误 errors · ${counts.warnings} 警告 warnings`,
    counts.corrections ? ` · ${counts.corrections} 处更正 corrections` : "");
  if (!report.forms.length) return [downloads, summary, el("p", { class: "hint" }, "没有找到表格 — no forms found")];
  const grids = new Map(report.provenance.grids.map((g) => [g.id, g]));
  const forms = report.forms.map((form, i) => renderForm(report, form, i, grids));
  const source = renderSource(report.provenance);
  return [downloads, summary, el("div", { class: "report-body" }, el("div", { class: "forms" }, ...forms), source)];
}

function renderForm(report, form, index, grids) {
  const view = report.provenance.forms[index] || { grid_ids: [], cell_fields: {} };
  const findings = form.findings || [];
  const byCell = new Map();
  for (const finding of findings) {
    for (const c of finding.cells || []) {
      const key = cellKey(c.grid_id, c.row, c.col);
      if (!byCell.has(key)) byCell.set(key, []);
      if (!byCell.get(key).includes(finding)) byCell.get(key).push(finding);
    }
  }
  const section = el("section", { class: "form", dataset: { formIndex: index } },
    el("h3", {}, form.title || `表 ${index + 1}`, el("small", {}, ` ${form.form_type}`),
      form.layout ? el("small", { class: "layout", title: "layout reader and detection score" },
        ` · 版式 ${form.layout.name} ${Number(form.layout.score).toFixed(2)}`) : null));
  section.append(el("ul", { class: "findings" }, ...findings.map((f) => el("li", {
    class: `finding sev-${f.severity}`, tabindex: 0, dataset: { code: f.code },
    onclick: () => focusFinding(section, f),
  }, el("b", {}, SEVERITY_LABEL[f.severity] || f.severity), " ", f.message_zh, el("br"), el("span", { class: "en" }, f.message_en)))));
  if (!findings.length) section.append(el("p", { class: "ok" }, "未发现问题 — no findings"));
  for (const gridId of view.grid_ids) {
    const grid = grids.get(gridId);
    if (grid) section.append(renderGrid(grid, form, index, view, byCell));
  }
  return section;
}

function renderGrid(grid, form, formIndex, view, byCell) {
  const table = el("table", { class: "grid", dataset: { gridId: grid.id } });
  const caption = `${grid.id}${grid.page ? ` · 第 ${grid.page} 页 page ${grid.page}` : ""}`;
  table.append(el("caption", {}, caption));
  const body = el("tbody");
  for (const row of grid.rows) {
    const tr = el("tr");
    for (const cell of row) {
      const key = cellKey(grid.id, cell.row, cell.col);
      const td = el("td", { rowspan: cell.rowspan > 1 ? cell.rowspan : null, colspan: cell.colspan > 1 ? cell.colspan : null,
        dataset: { key }, class: cell.filler ? "filler" : "cell" }, cell.text);
      if (!cell.filler) decorateCell(td, cell, grid, form, formIndex, view, byCell);
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(body);
  return el("div", { class: "grid-wrap" }, table);
}

function coveredKeys(grid, cell) {
  const keys = [];
  for (let r = 0; r < cell.rowspan; r++) for (let c = 0; c < cell.colspan; c++) keys.push(cellKey(grid.id, cell.row + r, cell.col + c));
  return keys;
}

function decorateCell(td, cell, grid, form, formIndex, view, byCell) {
  const keys = coveredKeys(grid, cell);
  const findings = [...new Set(keys.flatMap((k) => byCell.get(k) || []))];
  const fields = [...new Set(keys.flatMap((k) => view.cell_fields[k] || []))];
  if (findings.length) {
    const worst = findings.reduce((a, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[a] ? f.severity : a), "info");
    td.classList.add("has-finding", `sev-${worst}`);
    td.setAttribute("title", findings.map((f) => `[${f.severity}] ${f.message_zh}\n${f.message_en}`).join("\n\n"));
  }
  const corrected = fields.map((p) => fieldAt(form, p)).filter((v) => v && v.backend === "manual");
  if (corrected.length) {
    td.classList.add("corrected");
    td.append(el("span", { class: "corrected-value" }, ` → ${corrected.map((v) => valueText(v.value) || "∅").join(" / ")}`));
  }
  if (fields.length) td.classList.add("bound");
  td.tabIndex = 0;
  td.addEventListener("click", () => openPanel(td, cell, grid, form, formIndex, fields, findings));
  td.addEventListener("keydown", (e) => { if (e.key === "Enter") openPanel(td, cell, grid, form, formIndex, fields, findings); });
}

function focusFinding(section, finding) {
  section.querySelectorAll("td.focus").forEach((td) => td.classList.remove("focus"));
  let first = null;
  for (const c of finding.cells || []) {
    const td = cellElement(section, cellKey(c.grid_id, c.row, c.col));
    if (td) { td.classList.add("focus"); first = first || td; }
  }
  if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
  const ref = (finding.cells || []).find((c) => c.char_start !== null && c.char_start !== undefined);
  if (ref) showSource(ref.char_start, ref.char_end);
}

function cellElement(section, key) {
  const exact = section.querySelector(`td[data-key="${CSS.escape(key)}"]`);
  if (exact) return exact;
  const [gridId, rowText, colText] = key.split(":");
  const row = Number(rowText);
  const col = Number(colText);
  for (const td of section.querySelectorAll(`table[data-grid-id="${CSS.escape(gridId)}"] td.cell`)) {
    const [, r, c] = td.dataset.key.split(":").map(Number);
    if (r <= row && row < r + td.rowSpan && c <= col && col < c + td.colSpan) return td;
  }
  return null;
}

// -- the cell panel: messages and corrections ---------------------------------------------

function openPanel(td, cell, grid, form, formIndex, fields, findings) {
  document.querySelectorAll("td.selected").forEach((x) => x.classList.remove("selected"));
  td.classList.add("selected");
  if (cell.char_start !== undefined) showSource(cell.char_start, cell.char_end);
  const panel = $("#cell-panel");
  const where = `${grid.id} 行 row ${cell.row + 1} · 列 col ${cell.col + 1}${cell.page ? ` · 第 ${cell.page} 页` : ""}`;
  const parts = [
    el("button", { type: "button", class: "close", "aria-label": "close", onclick: closePanel }, "×"),
    el("h4", {}, where),
    el("p", { class: "cell-text" }, cell.text || "（空 empty）"),
  ];
  for (const f of findings) {
    parts.push(el("div", { class: `message sev-${f.severity}` }, el("b", {}, SEVERITY_LABEL[f.severity] || f.severity, " ", f.code),
      el("p", {}, f.message_zh), el("p", { class: "en" }, f.message_en)));
  }
  if (fields.length) parts.push(correctionForm(form, formIndex, fields));
  else parts.push(el("p", { class: "hint" }, "此单元格未读入任何字段 — no field was read from this cell"));
  panel.replaceChildren(...parts);
  panel.hidden = false;
}

function correctionForm(form, formIndex, fields) {
  const inputs = fields.map((path) => {
    const traced = fieldAt(form, path) || {};
    const current = traced.raw ?? valueText(traced.value);
    return { path, original: current || "", input: el("input", { type: "text", name: path, value: current || "", class: "correction-input" }) };
  });
  const author = el("input", { type: "text", id: "correction-author", value: localStorage.getItem("jixiao-author") || "", placeholder: "姓名 name", required: true });
  const error = el("p", { class: "problem", hidden: true });
  const form_ = el("form", { class: "corrections" },
    el("h4", {}, "更正 Correct"),
    ...inputs.map((x) => el("label", {}, el("code", {}, x.path), x.input)),
    el("label", {}, "更正人 Corrected by ", author),
    el("button", { type: "submit", id: "save-correction" }, "保存并重新校验 Save & re-validate"),
    error);
  form_.addEventListener("submit", async (event) => {
    event.preventDefault();
    const corrections = inputs.filter((x) => x.input.value !== x.original).map((x) => ({ field: x.path, value: x.input.value }));
    if (!corrections.length) { error.textContent = "没有改动 — nothing changed"; error.hidden = false; return; }
    localStorage.setItem("jixiao-author", author.value.trim());
    try {
      const response = await api(`/api/reports/${state.report.id}/forms/${formIndex}/corrections`, {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ corrections, author: author.value.trim() || "operator" }),
      });
      const result = await response.json();
      const errors = result.findings.filter((f) => f.severity === "error").length;
      closePanel();
      toast(`已保存并重新校验：${errors} 个错误 — saved and re-validated: ${errors} error(s)`);
      loadReport(state.report.id);
    } catch (e) {
      error.textContent = problemText(e);
      error.hidden = false;
    }
  });
  return form_;
}

function closePanel() {
  const panel = $("#cell-panel");
  if (panel) panel.hidden = true;
  document.querySelectorAll("td.selected").forEach((x) => x.classList.remove("selected"));
}

async function retry(id) {
  try {
    await api(`/api/reports/${id}/retry`, { method: "POST" });
    loadReport(id);
  } catch (e) {
    toast(problemText(e));
  }
}

// -- the source text beside the tables ----------------------------------------------------

function renderSource(provenance) {
  const pre = el("pre", { id: "source-text" }, provenance.text || "");
  return el("aside", { class: "source" },
    el("h3", {}, "原文 Source", el("small", {}, ` ${provenance.media_type || ""}${provenance.text_truncated ? " (truncated)" : ""}`)),
    pre);
}

function showSource(start, end) {
  const pre = $("#source-text");
  const text = state.report && state.report.provenance.text;
  if (!pre || !text || start === null || start === undefined || end === null || end === undefined) return;
  const mark = el("mark", {}, text.slice(start, end));
  pre.replaceChildren(text.slice(0, start), mark, text.slice(end));
  pre.scrollTop = Math.max(0, mark.offsetTop - pre.offsetTop - pre.clientHeight / 2);  // the pane only, not the page
}

// -- downloads ----------------------------------------------------------------------------

async function download(id, fmt) {
  try {
    const response = await api(`/api/reports/${id}/export.${fmt}`);
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: `jixiao-${id}.${fmt}` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    toast(problemText(e));
  }
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", () => {
  setupForms();
  loadList();
  route();
});
