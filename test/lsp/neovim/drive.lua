-- Drives the ZhengCe language server from neovim's built-in LSP client (headless).
-- Run by test/lsp/neovim.test.ts:
--   nvim --headless --clean -u NONE -c "luafile drive.lua"
-- Environment: ZC_SERVER (bundled server .js), ZC_ROOT (a copy of the fixture
-- workspace), ZC_REPORT (JSON file this script writes). Every step records what
-- neovim saw (buffer text, vim.diagnostic entries, responses); the test asserts on it.
-- Nothing is saved to disk. Neovim 0.7 (Debian) has vim.lsp.start_client, 0.8+ also
-- vim.lsp.start; both start the same built-in client.

local report = {}
local function fail(msg)
  report.fatal = msg
  local f = io.open(os.getenv('ZC_REPORT'), 'w')
  f:write(vim.fn.json_encode(report))
  f:close()
  vim.cmd('cquit! 1')
end

local ok, err = pcall(function()
  local root = os.getenv('ZC_ROOT')
  local server = os.getenv('ZC_SERVER')
  local main = root .. '/示例.zc'

  -- every publication, as neovim's own handler sees it (and it still stores them)
  local published = {}
  local handlers = {
    ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
      table.insert(published, result)
      return vim.lsp.diagnostic.on_publish_diagnostics(e, result, ctx, config)
    end,
  }

  vim.cmd('edit ' .. vim.fn.fnameescape(main))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'zhengce',
    cmd = { 'node', server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'ws' } },
    init_options = { debounceMs = 0, today = '2025-06-01', helpInMessage = true },
    handlers = handlers,
    flags = { debounce_text_changes = 0 },
  })
  if not client_id then error('vim.lsp.start_client failed') end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  if not vim.wait(20000, function() return client.initialized and #published > 0 end, 20) then error('no diagnostics after didOpen') end
  report.capabilities = {
    folding = client.resolved_capabilities and client.resolved_capabilities.folding_range or (client.server_capabilities and client.server_capabilities.foldingRangeProvider ~= nil),
  }

  local function line_of(needle, nth)
    nth = nth or 1
    local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
    local seen = 0
    for i, l in ipairs(lines) do
      local s = l:find(needle, 1, true)
      if s then
        seen = seen + 1
        if seen == nth then return i - 1, s - 1 end -- 0-based line, 0-based byte column
      end
    end
    error('not found: ' .. needle)
  end
  local function cursor_at(needle, byte_delta, nth)
    local row, col = line_of(needle, nth)
    vim.api.nvim_win_set_cursor(0, { row + 1, col + (byte_delta or 0) })
    return row, col
  end
  local function request(method, params, b)
    local r, why = client.request_sync(method, params, 10000, b or bufnr)
    if not r then error(method .. ': ' .. tostring(why)) end
    return r
  end
  local function diag_list(b)
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(b or bufnr)) do
      table.insert(out, { lnum = d.lnum, col = d.col, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), message = d.message, severity = d.severity })
    end
    return out
  end
  local function wait_diags(pred, what)
    if not vim.wait(10000, function() return pred(diag_list()) end, 20) then error('timeout waiting for diagnostics: ' .. what) end
  end
  local function has_code(ds, code)
    for _, d in ipairs(ds) do if d.code == code then return true end end
    return false
  end

  -- 1. diagnostics after an edit (incremental didChange from neovim) and after undoing it
  report.initial = diag_list()
  local row, col = line_of('家庭.子女数 二孩及以上')
  local c0 = col + #'家庭.子女'
  vim.api.nvim_buf_set_text(bufnr, row, c0, row, c0, { '人' })
  wait_diags(function(ds) return has_code(ds, 'ZC0403') end, 'ZC0403')
  report.edited = { line = vim.api.nvim_buf_get_lines(bufnr, row, row + 1, false)[1], row = row, byteCol = col + #'家庭.', diagnostics = diag_list() }
  vim.api.nvim_buf_set_text(bufnr, row, c0, row, c0 + #'人', { '' })
  wait_diags(function(ds) return not has_code(ds, 'ZC0403') end, 'ZC0403 cleared')
  report.undone = diag_list()

  -- 2. completion after “家庭.”: neovim's own omnifunc (vim.lsp.omnifunc — what <C-x><C-o>
  --    runs with omnifunc=v:lua.vim.lsp.omnifunc): its start column (the server's textEdit
  --    start, or the keyword before the cursor), its prefix filter and the list it hands to
  --    complete(). Headless there is no insert mode: mode() answers 'i' and complete() is
  --    captured instead of opening the menu; accepting a word replaces [start, cursor] as
  --    complete() does.
  local function complete_here(trigger)
    local r, c = unpack(vim.api.nvim_win_get_cursor(0))
    local captured
    rawset(vim.fn, 'mode', function() return 'i' end)
    rawset(vim.fn, 'complete', function(col, matches) captured = { col = col, matches = matches } end)
    local okc, errc = pcall(vim.lsp.omnifunc, 1, '')
    local got = okc and vim.wait(10000, function() return captured ~= nil end, 10)
    rawset(vim.fn, 'mode', nil)
    rawset(vim.fn, 'complete', nil)
    if not okc then error('omnifunc: ' .. tostring(errc)) end
    if not got then error('omnifunc: no completion') end
    -- the server's items too (filterText, textEdit), as sent
    local params = vim.lsp.util.make_position_params()
    params.context = trigger and { triggerKind = 2, triggerCharacter = trigger } or { triggerKind = 1 }
    local items = vim.lsp.util.extract_completion_items(request('textDocument/completion', params).result)
    local startbyte = captured.col - 1
    local prefix = vim.api.nvim_get_current_line():sub(startbyte + 1, c)
    return { row = r - 1, startbyte = startbyte, cursor = c, prefix = prefix, matches = captured.matches, items = items }
  end
  local function accept(cmp, word)
    for _, m in ipairs(cmp.matches) do
      if m.word == word then
        vim.api.nvim_buf_set_text(bufnr, cmp.row, cmp.startbyte, cmp.row, cmp.cursor, { word })
        return true
      end
    end
    return false
  end
  local words = function(cmp) local w = {} for _, m in ipairs(cmp.matches) do table.insert(w, m.word) end return w end

  local anchor = '条件：家庭.子女数 ≥ 3孩'
  local arow, acol = line_of(anchor)
  local original_line = vim.api.nvim_buf_get_lines(bufnr, arow, arow + 1, false)[1]
  local function type_after_anchor(text)
    vim.api.nvim_buf_set_lines(bufnr, arow, arow + 1, false, { original_line })
    local e = acol + #anchor
    vim.api.nvim_buf_set_text(bufnr, arow, e, arow, e, { text })
    vim.api.nvim_win_set_cursor(0, { arow + 1, e + #text })
  end
  type_after_anchor(' 且 家庭.')
  local c1 = complete_here('.')
  report.completion_dot = { prefix = c1.prefix, words = words(c1), filterTexts = vim.tbl_map(function(i) return i.filterText or i.label end, c1.items) }
  report.completion_dot.accepted = accept(c1, '「夫妻至少一方户籍在本县」')
  report.completion_dot.line = vim.api.nvim_buf_get_lines(bufnr, arow, arow + 1, false)[1]
  wait_diags(function(ds) for _, d in ipairs(ds) do if d.severity == 1 then return false end end return true end, 'no errors after completion')
  report.completion_dot.diagnostics = diag_list()

  -- typed bare: 家庭.夫妻 — neovim filters on “夫妻”, so filterText must not start with 「
  type_after_anchor(' 且 家庭.夫妻')
  local c3 = complete_here()
  report.completion_bare = { prefix = c3.prefix, words = words(c3), filterTexts = vim.tbl_map(function(i) return i.filterText or i.label end, c3.items), rawFilterTexts = vim.tbl_map(function(i) return i.filterText or false end, c3.items), newTexts = vim.tbl_map(function(i) return i.textEdit and i.textEdit.newText end, c3.items) }
  report.completion_bare.accepted = accept(c3, '「夫妻至少一方户籍在本县」')
  report.completion_bare.line = vim.api.nvim_buf_get_lines(bufnr, arow, arow + 1, false)[1]

  type_after_anchor(' 且 家庭.「夫')
  local c2 = complete_here()
  report.completion_quote = { prefix = c2.prefix, words = words(c2) }
  report.completion_quote.accepted = accept(c2, '「夫妻至少一方户籍在本县」')
  report.completion_quote.line = vim.api.nvim_buf_get_lines(bufnr, arow, arow + 1, false)[1]

  -- a unit right after a number (家庭.子女数 ≥ 2▮): the digits are keyword characters to
  -- neovim, so its own start column would take “2” as the typed prefix
  type_after_anchor(' 且 家庭.子女数 ≥ 2')
  local c4 = complete_here()
  report.completion_unit = { prefix = c4.prefix, words = words(c4) }
  report.completion_unit.accepted = accept(c4, '孩')
  report.completion_unit.line = vim.api.nvim_buf_get_lines(bufnr, arow, arow + 1, false)[1]
  vim.api.nvim_buf_set_lines(bufnr, arow, arow + 1, false, { original_line })

  -- keywords by position: an empty line in a 措施's body offers its declarations and attribute keys
  local mrow = line_of('对象：家庭')
  vim.api.nvim_buf_set_lines(bufnr, mrow + 1, mrow + 1, false, { '      ' })
  vim.api.nvim_win_set_cursor(0, { mrow + 2, 6 })
  local c5 = complete_here()
  report.completion_measure_line = { prefix = c5.prefix, words = words(c5) }
  vim.api.nvim_buf_set_lines(bufnr, mrow + 1, mrow + 2, false, {})
  wait_diags(function(ds) for _, d in ipairs(ds) do if d.severity == 1 then return false end end return true end, 'restored')

  -- 3. hover on a measure
  cursor_at('措施 生育补助', #'措施 ')
  local h = request('textDocument/hover', vim.lsp.util.make_position_params()).result
  report.hover = h and h.contents and (h.contents.value or h.contents) or vim.NIL

  -- 4. definition: a field (into 类型.zc) and the import itself, followed by neovim
  cursor_at('家庭.子女数', #'家庭.')
  local d1 = request('textDocument/definition', vim.lsp.util.make_position_params()).result
  report.definition_field = d1
  cursor_at('导入 "类型.zc"', #'导入 "')
  local d2 = request('textDocument/definition', vim.lsp.util.make_position_params()).result
  report.definition_import = d2
  local loc = d2 and (d2[1] or d2)
  if loc and loc.uri then
    vim.lsp.util.jump_to_location(loc, 'utf-16')
    report.jumped = { file = vim.api.nvim_buf_get_name(0), cursor = vim.api.nvim_win_get_cursor(0), first = vim.api.nvim_buf_get_lines(0, 0, 1, false)[1] }
    vim.cmd('buffer ' .. bufnr)
  end
  cursor_at('导入 "类型.zc"', #'导入 "')
  local hi = request('textDocument/hover', vim.lsp.util.make_position_params()).result
  report.hover_import = hi and hi.contents and (hi.contents.value or hi.contents) or vim.NIL

  -- 5. rename: refused onto an existing field of the same entity; accepted otherwise
  cursor_at('家庭.子女数 二孩', #'家庭.')
  local p = vim.lsp.util.make_position_params()
  p.newName = '夫妻至少一方户籍在本县'
  local r1 = request('textDocument/rename', p)
  report.rename_conflict = { error = r1.err and r1.err.message or vim.NIL, result = r1.result or vim.NIL }
  p.newName = '孩子数'
  local r2 = request('textDocument/rename', p)
  if r2.result then vim.lsp.util.apply_workspace_edit(r2.result, 'utf-16') end
  report.rename_ok = { error = r2.err and r2.err.message or vim.NIL, line = vim.api.nvim_buf_get_lines(bufnr, row, row + 1, false)[1] }
  local types = vim.fn.bufnr(root .. '/类型.zc')
  report.rename_ok.types_changed = types > 0 and table.concat(vim.api.nvim_buf_get_lines(types, 0, -1, false), '\n'):find('孩子数', 1, true) ~= nil

  -- 6. formatting (a new buffer; never written)
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/格式.zc'))
  local fbuf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(fbuf, 0, -1, false, { '实体   户{子女数:整数', ' 出生日期 ： 日期}', '指标 甲：整数=1+2   # 注释' })
  vim.lsp.buf_attach_client(fbuf, client_id)
  vim.wait(3000, function() for _, x in ipairs(published) do if x.uri == vim.uri_from_bufnr(fbuf) then return true end end return false end, 20)
  vim.lsp.buf.formatting_sync(nil, 10000)
  report.formatted = vim.api.nvim_buf_get_lines(fbuf, 0, -1, false)
  vim.cmd('buffer ' .. bufnr)

  -- 7. folding ranges
  report.folding = request('textDocument/foldingRange', { textDocument = vim.lsp.util.make_text_document_params(bufnr) }).result
  report.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)

  -- 8. definitions and lists (a new buffer with test/lsp/neovim/列表.zc; never written)
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/列表.zc'))
  local lbuf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(lbuf, 0, -1, false, vim.fn.readfile(os.getenv('ZC_LISTS')))
  vim.lsp.buf_attach_client(lbuf, client_id)
  if not vim.wait(10000, function() for _, x in ipairs(published) do if x.uri == vim.uri_from_bufnr(lbuf) then return true end end return false end, 20) then error('no diagnostics for 列表.zc') end
  local lists = { diagnostics = diag_list(lbuf) }
  local function lpos(needle, byte_delta, nth)
    local r0, c0 = line_of(needle, nth)
    vim.api.nvim_win_set_cursor(0, { r0 + 1, c0 + (byte_delta or 0) })
    return vim.lsp.util.make_position_params()
  end
  -- (line_of reads the current buffer)
  bufnr = lbuf
  local hv = request('textDocument/hover', lpos('家庭.「多孩家庭」 且', #'家庭.「'), lbuf).result
  lists.hover = hv and hv.contents and (hv.contents.value or hv.contents) or vim.NIL
  lists.definition = request('textDocument/definition', lpos('其.户籍', #'其.'), lbuf).result
  lists.huji = { line_of('户籍：户籍地') }
  -- completion after a list, inside the quantifier, after 其.
  local lrow = line_of('定义 「可以申请」')
  local lline = vim.api.nvim_buf_get_lines(lbuf, lrow, lrow + 1, false)[1]
  local function type_at_end(text)
    -- (a trailing space: in normal mode the cursor cannot stand after the last character)
    vim.api.nvim_buf_set_lines(lbuf, lrow, lrow + 1, false, { lline .. text .. ' ' })
    vim.api.nvim_win_set_cursor(0, { lrow + 1, #lline + #text })
  end
  type_at_end(' 且 家庭.子女 ')
  local q1 = complete_here()
  lists.after_list = words(q1)
  lists.after_list_snippet = vim.tbl_map(function(i) return i.insertTextFormat end, q1.items)
  type_at_end(' 且 家庭.子女 至少一个满足（其.')
  lists.after_it = words(complete_here('.'))
  type_at_end(' 且 家庭.')
  local q3 = complete_here('.')
  lists.after_entity = words(q3)
  lists.accepted = accept(q3, '多孩家庭')
  lists.accepted_line = vim.api.nvim_buf_get_lines(lbuf, lrow, lrow + 1, false)[1]
  vim.api.nvim_buf_set_lines(lbuf, lrow, lrow + 1, false, { lline })
  -- rename an entity definition: refused onto a field of the same entity, applied otherwise
  local rp = lpos('家庭.「多孩家庭」 且', #'家庭.「')
  rp.newName = '子女数'
  local rr1 = request('textDocument/rename', rp, lbuf)
  lists.rename_conflict = rr1.err and rr1.err.message or vim.NIL
  rp.newName = '多子女家庭'
  local rr2 = request('textDocument/rename', rp, lbuf)
  if rr2.result then vim.lsp.util.apply_workspace_edit(rr2.result, 'utf-16') end
  lists.renamed = vim.api.nvim_buf_get_lines(lbuf, 0, -1, false)
  if not vim.wait(10000, function()
    for i = #published, 1, -1 do
      local x = published[i]
      if x.uri == vim.uri_from_bufnr(lbuf) then return true end
    end
    return false
  end, 20) then error('no diagnostics after rename') end
  vim.wait(500)
  lists.after_rename = diag_list(lbuf)
  report.lists = lists

  client.stop()
  vim.wait(3000, function() return client.is_stopped() end, 20)
end)
if not ok then fail(tostring(err)) end
local f = io.open(os.getenv('ZC_REPORT'), 'w')
f:write(vim.fn.json_encode(report))
f:close()
vim.cmd('qall!')
