function cellKey(td){var v=td.getAttribute('data-sort');if(v===null||v==='')return null;var n=parseFloat(v);return isNaN(n)?v:n;}
function sortTable(th){
  var table=th.closest('table'),idx=Array.prototype.indexOf.call(th.parentNode.children,th);
  var desc=!th.classList.contains('desc');
  table.querySelectorAll('th').forEach(function(h){h.classList.remove('asc','desc');});
  th.classList.add(desc?'desc':'asc');
  var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
  rows.sort(function(a,b){var x=cellKey(a.cells[idx]),y=cellKey(b.cells[idx]);
    if(x===null&&y===null)return 0;if(x===null)return 1;if(y===null)return -1;
    var c=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y));return desc?-c:c;});
  rows.forEach(function(r){body.appendChild(r);});
  table.setAttribute('data-sorted',idx+':'+(desc?'desc':'asc'));
}
document.addEventListener('DOMContentLoaded',function(){
  document.querySelectorAll('table.lb th').forEach(function(th){th.addEventListener('click',function(){sortTable(th);});});
  var m=location.hash.match(/click=([^&]+)/);
  if(m){m[1].split(',').forEach(function(id){var th=document.getElementById(decodeURIComponent(id));if(th)th.click();});}
  document.body.setAttribute('data-ready','1');
});
