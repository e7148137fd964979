// One report: status, failure, downloads, a table of contents, and each form as a collapsible
// section with its findings grouped by rule and its own rows of the grids it was read from.
import { $, api, cellKey, el, ERROR_LABEL, problemText, reportName, RETRYABLE, SEVERITY_LABEL, SEVERITY_RANK, state, STATUS_LABEL, toast } from "./util.js";
import { closePanel, focusFinding, renderGrid } from "./grid.js";
import { deleteReport, loadList } from "./list.js";
import { followForms, renderSource } from "./source.js";

const THIN_FORM = 3; // fewer values read than this: the form is shown as almost empty

export function route() {
  clearTimeout(state.pollTimer);
  closePanel();
  const match = location.hash.match(/^#\/reports\/([0-9a-f]+)$/);
  if (match) loadReport(match[1]);
}

export async function loadReport(id) {
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
    el("h2", { id: "report-name", title: report.filename }, reportName(report)),
    el("span", { id: "report-status", class: `badge status-${report.status}`, dataset: { status: report.status } },
      STATUS_LABEL[report.status] || report.status),
    report.status === "processing" ? null : el("button", {
      type: "button", id: "delete-button", class: "danger", onclick: () => deleteReport(report),
    }, "删除 Delete"));
  const parts = [head];
  if (report.status === "failed") {
    const code = report.error_code || "";
    parts.push(el("p", { class: "problem", id: "report-reason", dataset: { code } },
      el("b", {}, ERROR_LABEL[code] || "处理失败"), el("br"), el("span", { class: "en" }, report.reason || "failed")));
    if (RETRYABLE.has(code)) parts.push(el("button", { type: "button", id: "retry-button", onclick: () => retry(report.id) }, "重试 Retry"));
    else parts.push(el("p", { class: "hint" }, "重试会得到相同结果，请修正文件后重新上传 — retrying gives the same result; fix the file and upload it again"));
  }
  if (report.status === "queued" || report.status === "processing") {
    parts.push(el("p", { class: "hint" }, "正在处理，页面会自动更新 — processing; this page updates by itself"));
  }
  if (report.status === "done") parts.push(...renderDone(report));
  $("#report").replaceChildren(...parts);
  $("#report").dataset.reportId = report.id;
  if (report.status === "done" && report.forms.length) {
    const sections = [...document.querySelectorAll("#report details.form")];
    followForms(sections, report.forms.map((_, i) => firstChar(report, i)));
  }
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
  const parts = [downloads, summary];
  if (report.forms.length > 1) parts.push(renderToc(report));
  parts.push(el("div", { class: "report-body" }, el("div", { class: "forms" }, ...forms), renderSource(report)));
  return parts;
}

function formTitle(form, index) {
  return form.title || `表 ${index + 1}`;
}

function renderToc(report) {
  const items = report.forms.map((form, i) => {
    const errors = (form.findings || []).filter((f) => f.severity === "error").length;
    return el("li", {}, el("a", { href: `#form-${i}`, dataset: { formIndex: i }, onclick: (event) => {
      event.preventDefault();  // the hash routes reports; scroll instead
      const section = document.getElementById(`form-${i}`);
      section.open = true;
      section.scrollIntoView({ block: "start" });
    } }, `${i + 1}. ${formTitle(form, i)}`), errors ? el("span", { class: "badge status-failed" }, `${errors} 错误`) : null);
  });
  const toggle = (open) => () => document.querySelectorAll("#report details.form").forEach((d) => { d.open = open; });
  return el("nav", { id: "toc", class: "toc", "aria-label": "目录 contents" },
    el("h3", {}, `目录 Contents · ${report.forms.length} 张表`),
    el("ol", {}, ...items),
    el("div", { class: "toc-actions" },
      el("button", { type: "button", id: "collapse-all", class: "plain", onclick: toggle(false) }, "全部折叠 Collapse all"),
      el("button", { type: "button", id: "expand-all", class: "plain", onclick: toggle(true) }, "全部展开 Expand all")));
}

export function formRows(report, index, gridId) {
  // rows first..last of a grid that belong to this form: from the row before its first value
  // up to the end of the previous form's rows, and to the grid's end for the last form on it
  const grid = report.provenance.grids.find((g) => g.id === gridId);
  const end = grid ? grid.rows.length - 1 : 0;
  const spans = report.provenance.forms
    .map((view, i) => ({ i, span: (view.rows || {})[gridId] }))
    .filter((x) => x.span)
    .sort((a, b) => a.span[0] - b.span[0] || a.i - b.i);
  const at = spans.findIndex((x) => x.i === index);
  if (at < 0) return [0, end];
  const first = at === 0 ? 0 : Math.min(spans[at].span[0], spans[at - 1].span[1] + 1);
  const last = at === spans.length - 1 ? end : spans[at].span[1];
  return [Math.max(0, first), Math.min(end, Math.max(first, last))];
}

function firstChar(report, index) {
  // where in the source text this form starts: its first drawn cell that has a position
  const view = report.provenance.forms[index] || { grid_ids: [] };
  let best = null;
  for (const gridId of view.grid_ids) {
    const grid = report.provenance.grids.find((g) => g.id === gridId);
    if (!grid) continue;
    const [first, last] = formRows(report, index, gridId);
    for (const row of grid.rows.slice(first, last + 1)) {
      for (const cell of row) {
        if (typeof cell.char_start === "number" && (best === null || cell.char_start < best)) best = cell.char_start;
      }
    }
  }
  return best;
}

function valuesRead(node) {
  // how many traced values of the form hold something
  if (Array.isArray(node)) return node.reduce((n, x) => n + valuesRead(x), 0);
  if (!node || typeof node !== "object") return 0;
  if ("value" in node && "source" in node && "confidence" in node) return node.value === null || node.value === "" ? 0 : 1;
  return Object.entries(node).reduce((n, [k, v]) => (k === "findings" ? n : n + valuesRead(v)), 0);
}

function groupFindings(findings) {
  const groups = new Map();
  for (const f of findings) {
    if (!groups.has(f.code)) groups.set(f.code, []);
    groups.get(f.code).push(f);
  }
  return [...groups.values()].sort((a, b) => SEVERITY_RANK[b[0].severity] - SEVERITY_RANK[a[0].severity]);
}

function renderFindings(section, findings) {
  const list = el("ul", { class: "findings" });
  for (const group of groupFindings(findings)) {
    const f = group[0];
    let next = 0;
    const li = el("li", {
      class: `finding sev-${f.severity}`, tabindex: 0, dataset: { code: f.code, count: group.length },
      title: group.length > 1 ? "点击依次定位 — click to step through the cells" : null,
    }, el("b", {}, SEVERITY_LABEL[f.severity] || f.severity),
    group.length > 1 ? el("span", { class: "count" }, ` ×${group.length}`) : null, " ", f.message_zh, el("br"),
    el("span", { class: "en" }, f.message_en));
    if (group.length > 1) {
      li.append(el("details", { class: "more", onclick: (e) => e.stopPropagation() },
        el("summary", {}, `全部 ${group.length} 处 — all ${group.length}`),
        el("ol", {}, ...group.map((g) => el("li", { onclick: () => focusFinding(section, g) }, g.message_zh)))));
    }
    const step = () => { focusFinding(section, group[next]); next = (next + 1) % group.length; };
    li.addEventListener("click", step);
    li.addEventListener("keydown", (e) => { if (e.key === "Enter") step(); });
    list.append(li);
  }
  return list;
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
  const errors = findings.filter((f) => f.severity === "error").length;
  const section = el("details", { class: "form", id: `form-${index}`, open: true, dataset: { formIndex: index } });
  section.append(el("summary", {}, el("h3", {}, formTitle(form, index), el("small", {}, ` ${form.form_type}`),
    form.layout ? el("small", { class: "layout", title: "layout reader and detection score" },
      ` · 版式 ${form.layout.name} ${Number(form.layout.score).toFixed(2)}`) : null,
    errors ? el("small", { class: "form-errors" }, ` · ${errors} 错误`) : null)));
  const read = valuesRead(form);
  if (read < THIN_FORM) {
    section.append(el("p", { class: "problem thin-form" },
      `这张表几乎没有读到内容（只读到 ${read} 项），请检查原件或改为上传文件`, el("br"),
      el("span", { class: "en" }, `almost nothing was read from this form (${read} value${read === 1 ? "" : "s"}); check the source or upload the file instead`)));
  }
  if (findings.length) section.append(renderFindings(section, findings));
  else section.append(el("p", { class: "ok" }, "未发现问题 — no findings"));
  for (const gridId of view.grid_ids) {
    const grid = grids.get(gridId);
    if (!grid) continue;
    const [first, last] = formRows(report, index, gridId);
    section.append(renderGrid(grid, form, index, view, byCell, first, last));
  }
  return section;
}

async function retry(id) {
  try {
    await api(`/api/reports/${id}/retry`, { method: "POST" });
    loadReport(id);
  } catch (e) {
    toast(problemText(e));
  }
}

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
