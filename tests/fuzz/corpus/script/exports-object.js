module.exports = { Name: df(function* (ctx) { return `t${1 + 2}`; }) };
