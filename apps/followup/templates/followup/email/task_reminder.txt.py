BBBB BBBBBB BBBBBBB gettext(u'Overdue: %(title)s') SSSSSSSS SSSSSSSSSBBBB gettext(u'Due soon: %(title)s') SSS SSSSS SSSSSSSSSBBBBB
BB BBBBBBB gettext(u'This task was due on %(date)s.') SSSS SSSS SSS SSS SS SSSSSSSSSBBBB BBBBBBBBB BB B gettext(u'This task is due today.') BBBB ngettext(u'This task is due tomorrow, %(date)s.', u'This task is due in %(days)s days, on %(date)s.', count) SSSS SSSS SS SSS SSSSSSSSS SSSSSSSSSPPPP PPPP PP PPP PP PPPPPPPP PPPPP PP PPPPPPPPPBBBBB
 gettext(u'Mark it as done, or tell the others if it cannot be done.') 
