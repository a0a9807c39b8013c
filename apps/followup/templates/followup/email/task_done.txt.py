BBBB BBBB gettext(u'Done: %(title)s') SSSSS SSSSSSSSS
 gettext(u'%(name)s has marked the task as done.') SSSSSSSS SSS SSSSSS SSS SSSS SS SSSSS
