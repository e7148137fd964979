// jixiao operator page: upload or paste → live status → forms as tables with findings on their
// cells → correct a cell and re-validate → download the exports.  Plain ES modules, no build:
// util.js (state, API, labels), list.js (search, delete), report.js (one report and its forms),
// grid.js (tables and the cell panel), source.js (the source text and page images).
import { $, api, problemText, state, toast } from "./util.js";
import { closePanel } from "./grid.js";
import { loadList, setupList } from "./list.js";
import { route } from "./report.js";

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
    const title = $("#paste-title").value.trim();
    submit(JSON.stringify(title ? { text, title } : { text }), { "Content-Type": "application/json" });
  });
  $("#token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    state.token = $("#token-input").value.trim();
    localStorage.setItem("jixiao-token", state.token);
    $("#token-form").hidden = true;
    loadList();
    route();
  });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") closePanel(); });
}

window.addEventListener("hashchange", route);
setupForms();
setupList();
loadList();
route();
