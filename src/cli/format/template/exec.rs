//! Execution of a parsed template against a [`Value`], following Go 1.24's
//! `text/template/exec.go`: the same evaluation order, so errors point at the same node.

use super::funcs::{Callable, Param};
use super::gofmt::{print_value, sorted, type_name};
use super::parse::{Branch, Command, Node, Operand, Pipe, Tree, FUNCTIONS, MAX_DEPTH};
use super::Value;

/// Largest output (in bytes) one execution may produce.
pub(super) const MAX_OUTPUT: usize = 1 << 20;

/// Most nodes and range iterations one execution may go through, so that nested ranges over
/// large data (or `{{range 1000000000}}`) end with an error instead of hanging.
const MAX_STEPS: u64 = 1_000_000;

/// A value during execution: a data [`Value`], or one of the Go values data cannot hold.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Val {
    /// Go's invalid `reflect.Value`: a missing map key; prints as `<no value>`.
    Missing,
    Float(f64),
    Complex(f64, f64),
    V(Value),
}

/// What `.` stands for during execution: a value computed while executing, or the
/// caller's data, borrowed (a table row is not copied to run a template over it).
#[derive(Clone, Copy)]
enum Dot<'a> {
    Val(&'a Val),
    Data(&'a Value),
}

impl Dot<'_> {
    /// An owned copy, for when the value itself is the result (`{{.}}`, `{{json .}}`).
    fn to_val(self) -> Val {
        match self {
            Dot::Val(v) => v.clone(),
            Dot::Data(d) => Val::V(d.clone()),
        }
    }
}

/// Go's `isTrue`: false for zero numbers, empty strings/lists/maps, nil and missing values.
pub(super) fn is_true(v: &Val) -> bool {
    match v {
        Val::Missing => false,
        Val::Float(f) => *f != 0.0,
        Val::Complex(re, im) => *re != 0.0 || *im != 0.0,
        Val::V(v) => match v {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Int(n) => *n != 0,
            Value::Str(s) => !s.is_empty(),
            Value::List(items) => !items.is_empty(),
            Value::Map(entries) => !entries.is_empty(),
            Value::Object { .. } => true,
        },
    }
}

/// The node Go's `state.at` last recorded, which error messages point at.
#[derive(Clone, Copy)]
enum At<'t> {
    Node(&'t Node),
    Pipe(&'t Pipe),
    Cmd(&'t Command),
    Op(&'t Operand),
}

impl At<'_> {
    fn pos(self) -> usize {
        match self {
            At::Node(n) => n.pos(),
            At::Pipe(p) => p.pos,
            At::Cmd(c) => c.pos,
            At::Op(o) => o.pos(),
        }
    }

    fn describe(self) -> String {
        match self {
            At::Node(n) => n.to_string(),
            At::Pipe(p) => p.to_string(),
            At::Cmd(c) => c.to_string(),
            At::Op(o) => o.to_string(),
        }
    }
}

/// How a list of nodes finished: normally, or by `{{break}}` / `{{continue}}`.
#[derive(PartialEq, Eq)]
enum Flow {
    Normal,
    Break,
    Continue,
}

type R<T> = Result<T, String>;

/// The state of one execution, like Go's `state`: current node, variables, output.
pub(super) struct Exec<'t, 'd> {
    tree: &'t Tree,
    text: &'t str,
    name: String,
    at: Option<At<'t>>,
    vars: Vec<(String, Val)>,
    /// The caller's data while it is `$` (the first variable then only holds its place), so
    /// `$.Field` borrows it and only a bare `$` copies it.
    root: Option<&'d Value>,
    out: String,
    depth: usize,
    steps: u64,
    header: bool,
    /// Names of the object fields evaluated, like docker's `FieldsUsed`.
    /// (Borrowed from the tree: executing a row allocates nothing for it.)
    pub fields_used: Vec<&'t str>,
}

impl<'t, 'd> Exec<'t, 'd> {
    /// Prepares to run `tree` (parsed from `text`) with `data` as `$`.
    pub fn new(tree: &'t Tree, text: &'t str, data: &'d Value, header: bool) -> Exec<'t, 'd> {
        Exec {
            tree,
            text,
            name: String::new(),
            at: None,
            vars: vec![("$".to_string(), Val::Missing)],
            root: Some(data),
            // Room for the template's text and about as much again of values, so a table
            // row is written without growing the buffer.
            out: String::with_capacity(2 * text.len()),
            depth: 0,
            steps: 0,
            header,
            fields_used: Vec::new(),
        }
    }

    /// Runs the main template; on error the output written so far stays in `output()`.
    pub fn run(&mut self, data: &Value) -> R<()> {
        self.walk_list(Dot::Data(data), &self.tree.root).map(|_| ())
    }

    /// The text written so far.
    pub fn output(self) -> String {
        self.out
    }

    /// Go's `state.errorf`: location and context of the last node, then the message.
    fn errorf(&self, message: impl std::fmt::Display) -> String {
        let name = crate::cli::format::table::go_quote(&self.name);
        match self.at {
            None => format!("template: {}: {message}", self.name),
            Some(at) => {
                let pos = at.pos().min(self.text.len());
                let before = self.text.get(..pos).unwrap_or("");
                let line = 1 + before.matches('\n').count();
                let col = before.rfind('\n').map_or(pos, |nl| pos - nl - 1);
                format!(
                    "template: :{line}:{col}: executing {name} at <{}>: {message}",
                    at.describe()
                )
            }
        }
    }

    fn at(&mut self, at: At<'t>) {
        self.at = Some(at);
    }

    fn tick(&mut self) -> R<()> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return Err(self.errorf(format!("execution took more than {MAX_STEPS} steps")));
        }
        Ok(())
    }

    fn write(&mut self, s: &str) -> R<()> {
        if self.out.len() + s.len() > MAX_OUTPUT {
            return Err(self.errorf(format!("output longer than {MAX_OUTPUT} bytes")));
        }
        self.out.push_str(s);
        Ok(())
    }

    fn walk_list(&mut self, dot: Dot<'_>, list: &'t [Node]) -> R<Flow> {
        for node in list {
            let flow = self.walk(dot, node)?;
            if flow != Flow::Normal {
                return Ok(flow);
            }
        }
        Ok(Flow::Normal)
    }

    fn walk(&mut self, dot: Dot<'_>, node: &'t Node) -> R<Flow> {
        self.at(At::Node(node));
        self.tick()?;
        match node {
            Node::Text { text, .. } => self.write(text)?,
            Node::Action { pipe, .. } => {
                let val = self.eval_pipeline(dot, pipe)?;
                if pipe.decl.is_empty() {
                    self.at(At::Node(node));
                    match &val {
                        // A string prints as itself (`print_value` would copy it first).
                        Val::V(Value::Str(text)) => self.write(text)?,
                        _ => {
                            let printed = print_value(&val);
                            self.write(&printed)?;
                        }
                    }
                }
            }
            Node::Break { .. } => return Ok(Flow::Break),
            Node::Continue { .. } => return Ok(Flow::Continue),
            Node::If(b) => return self.walk_if_or_with(false, dot, b),
            Node::With(b) => return self.walk_if_or_with(true, dot, b),
            Node::Range(b) => return self.walk_range(dot, node, b),
            Node::Template { name, pipe, .. } => {
                self.walk_template(dot, node, name, pipe.as_ref())?
            }
        }
        Ok(Flow::Normal)
    }

    fn walk_if_or_with(&mut self, with: bool, dot: Dot<'_>, b: &'t Branch) -> R<Flow> {
        let mark = self.vars.len();
        let val = self.eval_pipeline(dot, &b.pipe)?;
        let flow = if is_true(&val) {
            let dot = if with { Dot::Val(&val) } else { dot };
            self.walk_list(dot, &b.list)
        } else if let Some(else_list) = &b.else_list {
            self.walk_list(dot, else_list)
        } else {
            Ok(Flow::Normal)
        };
        self.vars.truncate(mark);
        flow
    }

    fn walk_range(&mut self, dot: Dot<'_>, node: &'t Node, b: &'t Branch) -> R<Flow> {
        self.at(At::Node(node));
        let outer = self.vars.len();
        let val = self.eval_pipeline(dot, &b.pipe)?;
        let mark = self.vars.len();
        let mut ran = false;
        match &val {
            Val::V(Value::List(items)) => {
                for (i, v) in items.iter().enumerate() {
                    ran = true;
                    let index = Val::V(Value::Int(i64::try_from(i).unwrap_or(i64::MAX)));
                    if self.range_step(b, mark, index, Val::V(v.clone()))? == Flow::Break {
                        break;
                    }
                }
            }
            Val::V(Value::Map(entries)) => {
                for (k, v) in sorted(entries) {
                    ran = true;
                    let index = Val::V(Value::Str(k.clone()));
                    if self.range_step(b, mark, index, Val::V(v.clone()))? == Flow::Break {
                        break;
                    }
                }
            }
            Val::V(Value::Int(n)) => {
                if b.pipe.decl.len() > 1 {
                    let message = format!("can't use {n} to iterate over more than one variable");
                    return Err(self.errorf(message));
                }
                for i in 0..*n {
                    ran = true;
                    let elem = Val::V(Value::Int(i));
                    if self.range_step(b, mark, Val::Missing, elem)? == Flow::Break {
                        break;
                    }
                }
            }
            // A missing value is like a nil map: nothing to iterate, no error.
            Val::Missing => {}
            other => {
                let message = format!("range can't iterate over {}", print_value(other));
                return Err(self.errorf(message));
            }
        }
        let result = match (&b.else_list, ran) {
            (Some(else_list), false) => self.walk_list(dot, else_list).map(|_| Flow::Normal),
            _ => Ok(Flow::Normal),
        };
        self.vars.truncate(outer);
        result
    }

    /// One iteration of a range body: binds the declared variables, runs the body, and drops
    /// the variables the body declared.
    fn range_step(&mut self, b: &'t Branch, mark: usize, index: Val, elem: Val) -> R<Flow> {
        self.tick()?;
        let decl = &b.pipe.decl;
        if let Some(first) = decl.first() {
            if b.pipe.is_assign {
                let v = if decl.len() > 1 {
                    index.clone()
                } else {
                    elem.clone()
                };
                self.set_var(first, v)?;
            } else {
                self.set_top_var(1, elem.clone());
            }
        }
        if let Some(second) = decl.get(1) {
            if b.pipe.is_assign {
                self.set_var(second, elem.clone())?;
            } else {
                self.set_top_var(2, index);
            }
        }
        let flow = self.walk_list(Dot::Val(&elem), &b.list);
        self.vars.truncate(mark);
        flow
    }

    fn walk_template(
        &mut self,
        dot: Dot<'_>,
        node: &'t Node,
        name: &str,
        pipe: Option<&'t Pipe>,
    ) -> R<()> {
        self.at(At::Node(node));
        let Some((def_name, body)) = self.tree.defs.iter().find(|(n, _)| n == name) else {
            return Err(self.errorf(format!(
                "template {} not defined",
                crate::cli::format::table::go_quote(name)
            )));
        };
        if self.depth >= MAX_DEPTH {
            return Err(self.errorf(format!("exceeded maximum template depth ({MAX_DEPTH})")));
        }
        let dot = match pipe {
            Some(p) => self.eval_pipeline(dot, p)?,
            None => Val::Missing,
        };
        // Template invocations see no variables but `$`, and errors name the template.
        let vars = std::mem::replace(&mut self.vars, vec![("$".to_string(), dot.clone())]);
        let root = self.root.take();
        let outer_name = std::mem::replace(&mut self.name, def_name.clone());
        self.depth += 1;
        let result = self.walk_list(Dot::Val(&dot), body);
        self.depth -= 1;
        self.name = outer_name;
        self.vars = vars;
        self.root = root;
        result.map(|_| ())
    }

    /// Where variable `name` is, innermost first.
    fn var_index(&self, name: &str) -> Option<usize> {
        self.vars.iter().rposition(|(n, _)| n == name)
    }

    /// The caller's data, when variable `name` stands for it (`$` outside templates).
    fn root_var(&self, name: &str) -> Option<&'d Value> {
        self.root.filter(|_| self.var_index(name) == Some(0))
    }

    fn set_var(&mut self, name: &str, value: Val) -> R<()> {
        match self.var_index(name) {
            Some(i) => {
                if i == 0 {
                    self.root = None;
                }
                self.vars[i].1 = value;
                Ok(())
            }
            None => Err(self.errorf(format!("undefined variable: {name}"))),
        }
    }

    fn set_top_var(&mut self, n: usize, value: Val) {
        let len = self.vars.len();
        if let Some(i) = len.checked_sub(n) {
            if i == 0 {
                self.root = None;
            }
            if let Some(slot) = self.vars.get_mut(i) {
                slot.1 = value;
            }
        }
    }

    fn var_value(&self, name: &str) -> R<Val> {
        if let Some(root) = self.root_var(name) {
            return Ok(Val::V(root.clone()));
        }
        match self.var_index(name) {
            Some(i) => Ok(self.vars[i].1.clone()),
            None => Err(self.errorf(format!("undefined variable: {name}"))),
        }
    }

    fn eval_pipeline(&mut self, dot: Dot<'_>, pipe: &'t Pipe) -> R<Val> {
        self.at(At::Pipe(pipe));
        let mut value: Option<Val> = None;
        for cmd in &pipe.cmds {
            value = Some(self.eval_command(dot, cmd, value)?);
        }
        let value = value.unwrap_or(Val::Missing);
        for var in &pipe.decl {
            if pipe.is_assign {
                self.set_var(var, value.clone())?;
            } else {
                self.vars.push((var.clone(), value.clone()));
            }
        }
        Ok(value)
    }

    fn not_a_function(&self, args: &[Operand], fin: &Option<Val>) -> R<()> {
        if args.len() > 1 || fin.is_some() {
            let first = args.first().map(ToString::to_string).unwrap_or_default();
            return Err(self.errorf(format!("can't give argument to non-function {first}")));
        }
        Ok(())
    }

    fn eval_command(&mut self, dot: Dot<'_>, cmd: &'t Command, fin: Option<Val>) -> R<Val> {
        let Some(first) = cmd.args.first() else {
            return Err(self.errorf("empty command"));
        };
        match first {
            Operand::Field { .. } => return self.eval_field_node(dot, first, &cmd.args, fin),
            Operand::Chain { .. } => return self.eval_chain_node(dot, first, &cmd.args, fin),
            Operand::Identifier { name, .. } => {
                return self.eval_function(dot, first, name, At::Cmd(cmd), &cmd.args, fin);
            }
            Operand::Pipe(p) => {
                self.not_a_function(&cmd.args, &fin)?;
                return self.eval_pipeline(dot, p);
            }
            Operand::Variable { .. } => return self.eval_variable_node(dot, first, &cmd.args, fin),
            _ => {}
        }
        self.at(At::Op(first));
        self.not_a_function(&cmd.args, &fin)?;
        match first {
            Operand::Bool { value, .. } => Ok(Val::V(Value::Bool(*value))),
            Operand::Dot { .. } => Ok(dot.to_val()),
            Operand::Nil { .. } => Err(self.errorf("nil is not a command")),
            Operand::Number { .. } => self.ideal_constant(first),
            Operand::Str { text, .. } => Ok(Val::V(Value::Str(text.clone()))),
            _ => Err(self.errorf(format!("can't evaluate command {first}"))),
        }
    }

    fn ideal_constant(&mut self, node: &'t Operand) -> R<Val> {
        self.at(At::Op(node));
        let Operand::Number { number, .. } = node else {
            return Ok(Val::Missing);
        };
        if let Some((re, im)) = number.complex {
            return Ok(Val::Complex(re, im));
        }
        let text = &number.text;
        let hex_int = text
            .to_ascii_lowercase()
            .trim_start_matches(['+', '-'])
            .starts_with("0x")
            && !text.contains(['p', 'P']);
        let rune_int = text.starts_with('\'');
        if let Some(f) = number.float {
            if !hex_int && !rune_int && text.contains(['.', 'e', 'E', 'p', 'P']) {
                return Ok(Val::Float(f));
            }
        }
        if let Some(i) = number.int {
            return Ok(Val::V(Value::Int(i)));
        }
        if number.is_uint {
            return Err(self.errorf(format!("{text} overflows int")));
        }
        Ok(Val::Missing)
    }

    fn eval_field_node(
        &mut self,
        dot: Dot<'_>,
        node: &'t Operand,
        args: &'t [Operand],
        fin: Option<Val>,
    ) -> R<Val> {
        self.at(At::Op(node));
        let Operand::Field { ident, .. } = node else {
            return Ok(Val::Missing);
        };
        self.eval_field_chain(dot, dot, node, ident, Some(args), fin)
    }

    fn eval_chain_node(
        &mut self,
        dot: Dot<'_>,
        node: &'t Operand,
        args: &'t [Operand],
        fin: Option<Val>,
    ) -> R<Val> {
        self.at(At::Op(node));
        let Operand::Chain {
            node: inner,
            fields,
            ..
        } = node
        else {
            return Ok(Val::Missing);
        };
        if let Operand::Nil { .. } = inner.as_ref() {
            return Err(self.errorf(format!("indirection through explicit nil in {node}")));
        }
        let receiver = self.eval_arg(dot, None, inner)?;
        self.eval_field_chain(dot, Dot::Val(&receiver), node, fields, Some(args), fin)
    }

    fn eval_variable_node(
        &mut self,
        dot: Dot<'_>,
        node: &'t Operand,
        args: &'t [Operand],
        fin: Option<Val>,
    ) -> R<Val> {
        self.at(At::Op(node));
        let Operand::Variable { ident, .. } = node else {
            return Ok(Val::Missing);
        };
        let Some((var, fields)) = ident.split_first() else {
            return Ok(Val::Missing);
        };
        if fields.is_empty() {
            let value = self.var_value(var)?;
            self.not_a_function(args, &fin)?;
            return Ok(value);
        }
        if let Some(root) = self.root_var(var) {
            return self.eval_field_chain(dot, Dot::Data(root), node, fields, Some(args), fin);
        }
        let value = self.var_value(var)?;
        self.eval_field_chain(dot, Dot::Val(&value), node, fields, Some(args), fin)
    }

    fn eval_field_chain(
        &mut self,
        dot: Dot<'_>,
        receiver: Dot<'_>,
        node: &'t Operand,
        ident: &'t [String],
        args: Option<&'t [Operand]>,
        fin: Option<Val>,
    ) -> R<Val> {
        let Some((last, init)) = ident.split_last() else {
            return Ok(receiver.to_val());
        };
        let mut owned: Option<Val> = None;
        for name in init {
            let next = self.eval_field(
                dot,
                name,
                node,
                None,
                None,
                owned.as_ref().map_or(receiver, Dot::Val),
            )?;
            owned = Some(next);
        }
        self.eval_field(
            dot,
            last,
            node,
            args,
            fin,
            owned.as_ref().map_or(receiver, Dot::Val),
        )
    }

    fn eval_field(
        &mut self,
        dot: Dot<'_>,
        name: &'t str,
        node: &'t Operand,
        args: Option<&'t [Operand]>,
        fin: Option<Val>,
        receiver: Dot<'_>,
    ) -> R<Val> {
        let receiver = match receiver {
            Dot::Data(v) | Dot::Val(Val::V(v)) => v,
            Dot::Val(Val::Missing) => return Ok(Val::Missing),
            Dot::Val(other) => {
                let t = type_name(other);
                return Err(self.errorf(format!("can't evaluate field {name} in type {t}")));
            }
        };
        // docker's header map is a SubHeaderContext, whose Label method shadows map keys.
        if self.header && name == "Label" && matches!(receiver, Value::Map(_)) {
            return self.eval_call(dot, Callable::HeaderLabel, At::Op(node), name, args, fin);
        }
        let has_args = args.is_some_and(|a| a.len() > 1) || fin.is_some();
        match receiver {
            Value::Null => {
                Err(self.errorf(format!("nil pointer evaluating interface {{}}.{name}")))
            }
            Value::Object { type_name, fields } => {
                let Some((_, value)) = fields.iter().find(|(k, _)| k == name) else {
                    return Err(
                        self.errorf(format!("can't evaluate field {name} in type {type_name}"))
                    );
                };
                if !self.fields_used.contains(&name) {
                    self.fields_used.push(name);
                }
                // docker's formatter contexts expose methods, not fields: a map-valued one
                // takes a key (`.Label "k"`), the others take no argument.
                let methods = type_name.starts_with("*formatter.");
                match value {
                    Value::Map(entries) if methods || has_args => {
                        let lookup = Callable::MapLookup(entries.clone());
                        self.eval_call(dot, lookup, At::Op(node), name, args, fin)
                    }
                    // An argument-less method called without arguments: its value, copied
                    // once (what `eval_call` of the `Const` would give).
                    value if methods && !has_args => Ok(Val::V(value.clone())),
                    value if methods => {
                        let method = Callable::Const(value.clone());
                        self.eval_call(dot, method, At::Op(node), name, args, fin)
                    }
                    _ if has_args => Err(self.errorf(format!(
                        "{name} has arguments but cannot be invoked as function"
                    ))),
                    value => Ok(Val::V(value.clone())),
                }
            }
            Value::Map(entries) => {
                if has_args {
                    return Err(self.errorf(format!("{name} is not a method but has arguments")));
                }
                Ok(entries
                    .iter()
                    .find(|(k, _)| k == name)
                    .map_or(Val::Missing, |(_, v)| Val::V(v.clone())))
            }
            other => {
                let t = type_name(&Val::V(other.clone()));
                Err(self.errorf(format!("can't evaluate field {name} in type {t}")))
            }
        }
    }

    fn eval_function(
        &mut self,
        dot: Dot<'_>,
        node: &'t Operand,
        name: &str,
        context: At<'t>,
        args: &'t [Operand],
        fin: Option<Val>,
    ) -> R<Val> {
        self.at(At::Op(node));
        let Some(&name) = FUNCTIONS.iter().find(|f| **f == name) else {
            return Err(self.errorf(format!("{name:?} is not a defined function")));
        };
        self.eval_call(dot, Callable::Func(name), context, name, Some(args), fin)
    }

    fn eval_call(
        &mut self,
        dot: Dot<'_>,
        fun: Callable,
        context: At<'t>,
        name: &str,
        args: Option<&'t [Operand]>,
        fin: Option<Val>,
    ) -> R<Val> {
        let args: &'t [Operand] = args.and_then(|a| a.get(1..)).unwrap_or(&[]);
        let sig = fun.signature(self.header);
        let num_in = args.len() + usize::from(fin.is_some());
        let num_fixed = if sig.variadic.is_some() {
            if num_in < sig.params.len() {
                let want = sig.params.len();
                return Err(self.errorf(format!(
                    "wrong number of args for {name}: want at least {want} got {}",
                    args.len()
                )));
            }
            sig.params.len()
        } else {
            if num_in != sig.params.len() {
                let want = sig.params.len();
                return Err(self.errorf(format!(
                    "wrong number of args for {name}: want {want} got {num_in}"
                )));
            }
            args.len()
        };
        if fun.is_builtin() && (name == "and" || name == "or") {
            let mut v = Val::Missing;
            for arg in args {
                v = self.eval_arg(dot, Some(Param::Reflect), arg)?;
                if is_true(&v) == (name == "or") {
                    return Ok(v);
                }
            }
            if let Some(f) = fin {
                v = self.validate_type(f, Some(Param::Reflect))?;
            }
            return Ok(v);
        }
        let mut argv = Vec::with_capacity(num_in + 1);
        for (i, arg) in args.iter().enumerate() {
            let param = if i < num_fixed {
                sig.params.get(i).copied()
            } else {
                sig.variadic
            };
            argv.push(self.eval_arg(dot, param, arg)?);
        }
        if let Some(f) = fin {
            let param = match sig.variadic {
                Some(v) if num_in > num_fixed => Some(v),
                _ => sig.params.get(num_in - 1).copied(),
            };
            argv.push(self.validate_type(f, param)?);
        }
        if fun.is_builtin() && name == "call" {
            argv.insert(
                0,
                Val::V(Value::Str(
                    args.first().map(ToString::to_string).unwrap_or_default(),
                )),
            );
        }
        match fun.call(self.header, argv) {
            Ok(v) => Ok(v),
            Err(e) => {
                self.at(context);
                Err(self.errorf(format!("error calling {name}: {e}")))
            }
        }
    }

    /// Go's `validateType`: converts `value` to the parameter type or fails like Go.
    fn validate_type(&self, value: Val, param: Option<Param>) -> R<Val> {
        let Some(param) = param else {
            return Ok(value);
        };
        if let Val::Missing = value {
            if param.can_be_nil() {
                return Ok(param.zero());
            }
            return Err(self.errorf(format!("invalid value; expected {}", param.go_name())));
        }
        let ok = match param {
            Param::Any | Param::Reflect => true,
            Param::Str => matches!(value, Val::V(Value::Str(_))),
            Param::Int => matches!(value, Val::V(Value::Int(_))),
            Param::StrList => type_name(&value) == "[]string",
        };
        if ok {
            return Ok(value);
        }
        Err(self.errorf(format!(
            "wrong type for value; expected {}; got {}",
            param.go_name(),
            type_name(&value)
        )))
    }

    /// Go's `evalArg`: evaluates one argument for a parameter of the given type.
    fn eval_arg(&mut self, dot: Dot<'_>, param: Option<Param>, n: &'t Operand) -> R<Val> {
        self.at(At::Op(n));
        let value = match n {
            Operand::Dot { .. } => dot.to_val(),
            Operand::Nil { .. } => {
                return match param {
                    Some(p) if p.can_be_nil() => Ok(p.zero()),
                    Some(p) => Err(self.errorf(format!("cannot assign nil to {}", p.go_name()))),
                    None => Ok(Val::Missing),
                };
            }
            Operand::Field { .. } => self.eval_field_node(dot, n, std::slice::from_ref(n), None)?,
            Operand::Variable { .. } => self.eval_variable_node(dot, n, &[], None)?,
            Operand::Pipe(p) => self.eval_pipeline(dot, p)?,
            Operand::Identifier { name, .. } => {
                self.eval_function(dot, n, name, At::Op(n), &[], None)?
            }
            Operand::Chain { .. } => self.eval_chain_node(dot, n, &[], None)?,
            _ => return self.eval_literal(param, n),
        };
        self.validate_type(value, param)
    }

    fn eval_literal(&mut self, param: Option<Param>, n: &'t Operand) -> R<Val> {
        match param {
            Some(Param::Int) => match n {
                Operand::Number { number, .. } if number.int.is_some() => {
                    Ok(Val::V(Value::Int(number.int.unwrap_or_default())))
                }
                _ => Err(self.errorf(format!("expected integer; found {n}"))),
            },
            Some(Param::Str) => match n {
                Operand::Str { text, .. } => Ok(Val::V(Value::Str(text.clone()))),
                _ => Err(self.errorf(format!("expected string; found {n}"))),
            },
            Some(Param::Any | Param::Reflect) | None => match n {
                Operand::Bool { value, .. } => Ok(Val::V(Value::Bool(*value))),
                Operand::Number { .. } => self.ideal_constant(n),
                Operand::Str { text, .. } => Ok(Val::V(Value::Str(text.clone()))),
                _ => Err(self.errorf(format!(
                    "can't handle assignment of {n} to empty interface argument"
                ))),
            },
            Some(p @ Param::StrList) => {
                Err(self.errorf(format!("can't handle {n} for arg of type {}", p.go_name())))
            }
        }
    }
}
