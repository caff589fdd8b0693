-- Headless Neovim (0.7+): attach roslint's language server to a .rsc buffer, wait for its
-- diagnostics, write them to $OUT one per line ("line:col severity code message"), quit.
local server, file, out = os.getenv('ROSLINT_LS'), os.getenv('RSC_FILE'), os.getenv('OUT')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = 'roslint',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
})
vim.lsp.buf_attach_client(buf, id)
local got = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local lines = {}
if not got then table.insert(lines, 'TIMEOUT') end
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''
  table.insert(lines, string.format('%d:%d %s %s %s', d.lnum + 1, d.col + 1, vim.diagnostic.severity[d.severity], code, d.message))
end
-- A request through the client too: hover on the private key shows the derived public key.
local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 2, character = 60 } }
local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000) or {}
for _, r in pairs(res) do
  if r.result and r.result.contents then table.insert(lines, 'HOVER ' .. (r.result.contents.value or ''):gsub('\n', ' ')) end
end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
vim.cmd('qa!')
