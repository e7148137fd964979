// The forms' tables: rows of cells with their findings, and the cell panel that explains a cell
// and corrects the fields read from it (the service re-validates the form).
import { $, api, cellKey, el, fieldAt, problemText, SEVERITY_LABEL, SEVERITY_RANK, state, toast, valueText } from "./util.js";
import { showCellOnPage, showSource } from "./source.js";
import { loadReport } from "./report.js";

// the last part of a field path, as the printed forms call it
const FIELD_LABEL = {
  weight: "分值", score: "得分", actual: "实际完成值", target: "年度指标值", value: "数值", rate: "执行率",
  budget: "年初预算数", adjusted: "全年预算数", executed: "全年执行数", name: "名称", unit: "单位",
  year: "年度", project: "项目名称", title: "标题", total: "合计", amount: "金额", reason: "偏差原因",
};

export function renderGrid(grid, form, formIndex, view, byCell, first, last) {
  // only rows first..last: a grid shared by two forms gives each its own part
  const table = el("table", { class: "grid", dataset: { gridId: grid.id, firstRow: first, lastRow: last } });
  const rows = `行 rows ${first + 1}–${last + 1} / ${grid.rows.length}`;
  const caption = `${grid.id} · ${rows}${grid.page ? ` · 第 ${grid.page} 页 page ${grid.page}` : ""}`;
  table.append(el("caption", {}, caption));
  const body = el("tbody");
  for (const row of grid.rows.slice(first, last + 1)) {
    const tr = el("tr");
    for (const cell of row) {
      const key = cellKey(grid.id, cell.row, cell.col);
      const rowspan = Math.min(cell.rowspan, last - cell.row + 1);
      const td = el("td", { rowspan: rowspan > 1 ? rowspan : null, colspan: cell.colspan > 1 ? cell.colspan : null,
        dataset: { key }, class: cell.filler ? "filler" : `cell${widthClass(cell)}` }, cell.text);
      if (!cell.filler) decorateCell(td, cell, grid, form, formIndex, view, byCell);
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(body);
  return el("div", { class: "grid-wrap" }, table);
}

function widthClass(cell) {
  // long texts get a wider column instead of a column one character wide and a hundred lines
  // tall; the table then scrolls sideways inside its box
  const chars = String(cell.text || "").length / Math.max(1, cell.colspan);
  return chars > 60 ? " long" : chars > 12 ? " medium" : "";
}

function coveredKeys(grid, cell) {
  const keys = [];
  if (cell.x !== undefined) {
    // a pasted header cell drawn away from where it was read: its own key and the empty cells below it
    keys.push(cellKey(grid.id, cell.row, cell.col));
    for (let r = 1; r < cell.rowspan; r++) keys.push(cellKey(grid.id, cell.row + r, cell.x));
    return keys;
  }
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
  const open = () => openPanel(td, cell, grid, form, formIndex, fields, findings, rowLabel(grid, cell));
  td.addEventListener("click", open);
  td.addEventListener("keydown", (e) => { if (e.key === "Enter") open(); });
}

export function focusFinding(section, finding) {
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

function rowLabel(grid, cell) {
  // the printed label of the cell's row (its first non-empty cell left of it): 年度资金总额, 受益人口 …
  const row = grid.rows[cell.row] || [];
  const label = row.find((c) => !c.filler && c.col < cell.col && String(c.text || "").trim());
  return label ? String(label.text).trim().slice(0, 40) : "";
}

function fieldLabel(form, path, rowText) {
  // "受益农村人口 · 实际完成值": the item's own name where it has one (an indicator), else the
  // printed label of the row (年度资金总额), then what the column holds
  const leaf = (path.match(/[A-Za-z_]+$/) || [path])[0];
  const item = path.includes(".") ? fieldAt(form, `${path.slice(0, path.lastIndexOf("."))}.name`) : null;
  const name = item && item !== fieldAt(form, path) ? valueText(item.value) : "";
  return [name || rowText, FIELD_LABEL[leaf] || leaf].filter(Boolean).join(" · ");
}

function openPanel(td, cell, grid, form, formIndex, fields, findings, label) {
  document.querySelectorAll("td.selected").forEach((x) => x.classList.remove("selected"));
  td.classList.add("selected");
  if (cell.char_start !== undefined) showSource(cell.char_start, cell.char_end);
  if (cell.bbox) showCellOnPage(cell);
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
  if (fields.length) parts.push(correctionForm(form, formIndex, fields, label));
  else parts.push(el("p", { class: "hint" }, "此单元格未读入任何字段 — no field was read from this cell"));
  panel.replaceChildren(...parts);
  panel.hidden = false;
}

function correctionForm(form, formIndex, fields, label) {
  const inputs = fields.map((path) => {
    const traced = fieldAt(form, path) || {};
    const current = traced.raw ?? valueText(traced.value);
    return { path, original: current || "", input: el("input", { type: "text", name: path, value: current || "", class: "correction-input" }) };
  });
  const author = el("input", { type: "text", id: "correction-author", value: localStorage.getItem("jixiao-author") || "", placeholder: "姓名 name", required: true });
  const error = el("p", { class: "problem", hidden: true });
  const form_ = el("form", { class: "corrections" },
    el("h4", {}, "更正 Correct"),
    ...inputs.map((x) => el("label", {}, el("span", { class: "field-label" }, fieldLabel(form, x.path, label)), el("code", { class: "field-path" }, x.path), x.input)),
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

export function closePanel() {
  const panel = $("#cell-panel");
  if (panel) panel.hidden = true;
  document.querySelectorAll("td.selected").forEach((x) => x.classList.remove("selected"));
}

