// Shared pieces of the operator page: state, element building, the API client, labels.
//
// Every piece of document text reaches the page through textContent or setAttribute, never
// innerHTML, so a report that contains "<script>" shows it as text.

export const state = {
  token: localStorage.getItem("jixiao-token") || "", report: null, pollTimer: null, offset: 0, limit: 15,
  query: "", status: "",
};
export const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };
export const SEVERITY_LABEL = { error: "错误 error", warning: "警告 warning", info: "提示 info" };
export const STATUS_LABEL = { queued: "排队中 queued", processing: "处理中 processing", done: "完成 done", failed: "失败 failed" };

// -- small helpers ------------------------------------------------------------------------

export function el(tag, attrs, ...children) {
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

export function $(selector) { return document.querySelector(selector); }

export function toast(message) {
  const box = $("#toast");
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 4000);
}

export class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || "request failed");
    this.problem = problem;
  }
}

// what the service's problem codes mean, for a Chinese line before its English detail
const PROBLEM_LABEL = {
  empty: "内容为空", incomplete: "上传不完整", "unsupported-type": "不支持的文件类型", "too-large": "文件过大",
  "missing-file": "没有选择文件", "missing-text": "没有粘贴文本", "invalid-json": "请求格式错误",
  "invalid-request": "请求内容有误", "invalid-correction": "更正值无效", unreadable: "文件无法读取",
  "not-found": "报告不存在", "not-ready": "报告尚未处理完", "not-failed": "报告没有失败，无需重试",
  unauthorized: "需要 API 令牌", "method-not-allowed": "服务不支持此操作", "no-page-image": "无法显示原件页面",
  "no-such-page": "没有这一页", "server-error": "服务出错",
};

export function problemText(error) {
  const p = error.problem || {};
  const english = [p.detail || error.message, p.hint].filter(Boolean).join(" — ");
  const chinese = PROBLEM_LABEL[p.code];
  return chinese ? `${chinese}：${english}` : english;
}

export async function api(path, options = {}) {
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

export function valueText(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return value.text || [value.operator, value.value, value.unit].filter(Boolean).join("");
  return String(value);
}

export function cellKey(gridId, row, col) { return `${gridId}:${row}:${col}`; }

export function fieldAt(form, path) {
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

export function byRole(items, key) {
  const [role, nth] = key.split("#");
  const matches = items.filter((x) => x && x.role === role);
  return matches[nth === undefined ? 0 : Number(nth)];
}

// Failures that happen again on every try (a file that is not a form, a limit) offer no Retry;
// these four depend on the moment (a restart, a busy machine) and may pass the next time.
export const RETRYABLE = new Set(["interrupted", "internal", "timeout", "crashed"]);
export const ERROR_LABEL = {
  "no-form-found": "没有找到可识别的绩效表",
  input: "文件无法读取",
  limit: "文件超出处理限制",
  extraction: "抽取失败",
  llm: "大模型调用失败",
  config: "服务配置错误",
  validationconfig: "校验规则配置错误",
  "memory-limit": "处理时超出内存限制",
  crashed: "处理进程意外退出，可重试",
  timeout: "处理超时，可重试",
  internal: "服务内部错误，可重试",
  interrupted: "处理被中断，可重试",
};

export function reportName(report) {
  // pasted text is named by the service (display_name); older services only know "pasted text"
  return report.display_name || report.filename;
}
